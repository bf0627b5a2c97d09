"""--pdb and --debugpy: a debugger inside the hook call.

The child has no terminal (its stdin is /dev/null, its output goes to the log), so with --pdb it
opens the controlling terminal before it leaves the session, and pdb talks there: at
breakpoint() (or pdb.set_trace(), the only spelling on Python 3.6) and after the hook raises.
With --debugpy each call listens for an IDE and waits until one attaches.
"""
import io
import os
import sys

from . import helper_paths

PDB = False
DEBUGPY = None  # (host, port)
_terminal = None


def configure(pdb, debugpy):
    global PDB, DEBUGPY
    PDB = bool(pdb)
    if debugpy:
        host, _, port = debugpy.rpartition(':')
        DEBUGPY = (host or '127.0.0.1', int(port))
        helper_paths.append()


def open_terminal():
    """In the child, while it still has the controlling terminal (before setsid)."""
    global _terminal
    if not PDB:
        return
    try:
        fd = os.open('/dev/tty', os.O_RDWR)
    except OSError:
        sys.stderr.write('sps-tui: --pdb needs a terminal; this call runs without the debugger\n')
        return
    _terminal = (io.open(fd, 'r', closefd=False), io.open(fd, 'w', closefd=False))


def begin_call(hook):
    if _terminal is not None:
        import pdb
        sys.breakpointhook = _break
        pdb.set_trace = _break
    if DEBUGPY is not None:
        _wait_for_ide(hook)


def after_raise(hook, error):
    """pytest --pdb: the traceback of a hook that raised, in pdb, before the call ends."""
    if _terminal is None or isinstance(error, SystemExit):
        return
    debugger = _debugger()
    _say('%s raised %s: %s. pdb post-mortem; "c" ends the call' % (hook, type(error).__name__, error))
    debugger.reset()
    debugger.interaction(None, error.__traceback__)


def hint(error):
    """What to do about a breakpoint() that met no terminal (pdb read end-of-file and quit)."""
    if _terminal is None and type(error).__name__ == 'BdbQuit':
        return ' (breakpoint() in a hook needs a terminal: run sps-tui with --pdb)'
    return ''


def is_ours(command):
    """A process the debugger started (debugpy's adapter), not one the hook left running."""
    return DEBUGPY is not None and 'debugpy' in command


def _break(*args, **kwargs):
    _say('breakpoint in the hook call; "c" continues the session')
    _debugger().set_trace(sys._getframe(1))


def _debugger():
    import pdb
    stdin, stdout = _terminal
    debugger = pdb.Pdb(stdin=stdin, stdout=stdout)
    debugger.use_rawinput = False
    return debugger


def _say(text):
    _terminal[1].write('\n--- sps-tui: %s\n' % text)
    _terminal[1].flush()


def _wait_for_ide(hook):
    import debugpy
    host, port = DEBUGPY
    debugpy.listen((host, port))
    sys.stderr.write('sps-tui: %s waits for a debugger to attach on %s:%d\n' % (hook, host, port))
    sys.stderr.flush()
    debugpy.wait_for_client()
