"""--coverage: coverage.py measures the plugin's own files, in the server and in every call's child.

The fork server imports main.py once, so what runs at import is measured there; each child
measures its own call into a data file of its own (coverage.py's parallel mode), and Node
combines them at the end. Every measurement carries the scenario or recording as its context.
"""
import os
import signal

from . import helper_paths

DATA_DIR = None
IMPORT_CONTEXT = '(import of main.py)'
# Under the plugin's directory, but not the plugin's own code.
OMIT = ['*/site-packages/*', '*/dist-packages/*', '*/.venv*/*', '*/venv/*']
_current = None


def configure(data_dir):
    global DATA_DIR
    DATA_DIR = data_dir
    helper_paths.append()
    import coverage  # noqa: F401 - once in the server, not in every child


def measure_import(plugin_dir, do_import):
    """Runs the server's import of main.py under coverage.py, when it is on."""
    if DATA_DIR is None:
        return do_import()
    measurement = _start(plugin_dir, IMPORT_CONTEXT)
    try:
        return do_import()
    finally:
        _save(measurement)


def begin_call(plugin_dir, context):
    """In the child, before the hook (and, in spawn mode, before main.py is imported)."""
    global _current
    if DATA_DIR is None:
        return
    _current = _start(plugin_dir, context or 'sps-tui')
    # A call over its time limit gets SIGTERM first: what it ran until then still counts.
    signal.signal(signal.SIGTERM, _save_and_exit)


def end_call():
    global _current
    measurement, _current = _current, None
    if measurement is not None:
        _save(measurement)


def _start(plugin_dir, context):
    import coverage
    measurement = coverage.Coverage(
        data_file=os.path.join(DATA_DIR, '.coverage'),
        data_suffix=True,
        branch=True,
        source=[plugin_dir],
        omit=OMIT,
        context=context,
        config_file=False,
    )
    # A call that touches only main.py is normal; coverage.py's warnings would become log lines.
    measurement.set_option('run:disable_warnings', ['no-data-collected', 'module-not-imported', 'module-not-measured', 'couldnt-parse'])
    measurement.start()
    return measurement


def _save(measurement):
    try:
        measurement.stop()
        measurement.save()
    except Exception as error:  # noqa: BLE001 - coverage must never change the call's outcome
        import sys
        sys.stderr.write('sps-tui: coverage data of this call was lost: %s\n' % error)


def _save_and_exit(signum, frame):
    end_call()
    os._exit(128 + signum)
