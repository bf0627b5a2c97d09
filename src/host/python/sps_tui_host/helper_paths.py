"""sps-tui's own Python libraries (vcrpy, coverage.py, debugpy), importable after the plugin's."""
import sys

PATHS = []


def append():
    """Puts the helper cache at the end of sys.path: the plugin's packages of the same name win."""
    for path in PATHS:
        if path and path not in sys.path:
            sys.path.append(path)
