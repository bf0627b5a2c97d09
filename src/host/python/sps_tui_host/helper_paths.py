"""sps-tui's own Python libraries (vcrpy, coverage.py, debugpy), importable after the plugin's."""
import os
import sys

PATHS = []


def given(name):
    """Whether sps-tui started the host with this helper (its directory is `<name>-<version>`)."""
    return any(os.path.basename(path).startswith(name + '-') for path in PATHS)


def append():
    """Puts the helper cache at the end of sys.path: the plugin's packages of the same name win."""
    for path in PATHS:
        if path and path not in sys.path:
            sys.path.append(path)
