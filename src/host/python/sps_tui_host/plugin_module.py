"""Importing a plugin's main.py, and describing what went wrong as SPS's log would."""
import os
import sys
import threading

from .channel import LineSplitter

HOST_DIR = os.path.dirname(os.path.abspath(__file__))
MODULE_NAME = 'main'


def main_path(plugin_dir):
    return os.path.join(plugin_dir, 'main.py')


def import_main(plugin_dir):
    """Imports main.py as module `main`, the plugin directory first on sys.path.

    Returns (module, None) or (None, the exception that stopped the import).
    """
    import importlib.util
    if plugin_dir not in sys.path:
        sys.path.insert(0, plugin_dir)
    try:
        spec = importlib.util.spec_from_file_location(MODULE_NAME, main_path(plugin_dir))
        module = importlib.util.module_from_spec(spec)
        sys.modules[MODULE_NAME] = module
        spec.loader.exec_module(module)
    except BaseException as error:  # noqa: B902 - SystemExit and KeyboardInterrupt included
        sys.modules.pop(MODULE_NAME, None)
        return None, error
    return module, None


def load_failure(error):
    return {
        'ok': False,
        'kind': 'load',
        'message': 'main.py could not be imported: %s' % exception_summary(error),
        'traceback': format_traceback(error),
    }


def exception_summary(error):
    import traceback
    lines = traceback.format_exception_only(type(error), error)
    return lines[-1].strip() if lines else type(error).__name__


def is_host_frame(filename):
    return filename.startswith(HOST_DIR) or filename.startswith('<frozen importlib')


def format_traceback(error):
    """The full traceback, minus the leading frames of the host and of importlib."""
    import traceback
    tb = error.__traceback__
    while tb is not None and is_host_frame(tb.tb_frame.f_code.co_filename):
        tb = tb.tb_next
    return ''.join(traceback.format_exception(type(error), error, tb))


def error_line(error, plugin_dir):
    """The line of main.py the error points at, when it points into main.py."""
    path = os.path.realpath(main_path(plugin_dir))
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        if os.path.realpath(error.filename) == path:
            return error.lineno
    line = None
    tb = error.__traceback__
    while tb is not None:
        if os.path.realpath(tb.tb_frame.f_code.co_filename) == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def import_main_captured(plugin_dir):
    """import_main with fds 1 and 2 captured: returns (module, error, [(stream, text), ...]).

    Used by the fork server, which imports main.py once: what the import printed is
    replayed into every call's log, as SPS (which imports main.py per call) would log it.
    """
    lines = []
    lock = threading.Lock()
    saved = {}
    readers = []
    for fd, stream in ((1, 'stdout'), (2, 'stderr')):
        read_end, write_end = os.pipe()
        saved[fd] = os.dup(fd)
        os.dup2(write_end, fd)
        os.close(write_end)
        reader = threading.Thread(target=_collect, args=(read_end, stream, lines, lock), daemon=True)
        reader.start()
        readers.append(reader)
    try:
        module, error = import_main(plugin_dir)
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - the plugin may have replaced or closed them
                pass
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)
        for reader in readers:
            # A process the import left running may hold the pipe open: do not wait for it.
            reader.join(1.0)
    with lock:
        return module, error, list(lines)


def _collect(fd, stream, lines, lock):
    splitter = LineSplitter()
    try:
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            with lock:
                lines.extend((stream, text) for text in splitter.feed(chunk))
        with lock:
            lines.extend((stream, text) for text in splitter.flush())
    finally:
        os.close(fd)
