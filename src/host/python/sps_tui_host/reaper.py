"""What a hook leaves running is ended with its call, daemons included.

A hook's children share its process group and die with it, but a daemon (fork, setsid, fork)
leaves the group and, once its parent exits, would be adopted by init and outlive the session.
On Linux the hook's process is made a child subreaper: every orphaned descendant is adopted by it
instead, so when the hook returns, whatever is still its child was started by the call. Other
systems have no subreaper; there only the process group is ended.
"""
import os
import signal

PR_SET_CHILD_SUBREAPER = 36

_libc = None


def preload():
    """In the server, once: the child then needs no import of its own (ctypes takes milliseconds)."""
    global _libc
    if not os.path.isdir('/proc/self'):
        return
    try:
        import ctypes
        _libc = ctypes.CDLL(None, use_errno=True)
    except (ImportError, OSError):
        _libc = None


def become_subreaper():
    """Orphaned descendants are adopted by this process. False where the system cannot."""
    if _libc is None:
        return False
    try:
        return _libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (AttributeError, OSError):
        return False


def _has_live_children():
    """Reaps children that already exited; True if some are still running. Costs one system call."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return False
        except InterruptedError:
            continue
        if pid == 0:
            return True


def _children(parent, known):
    found = []
    for name in os.listdir('/proc'):
        if not name.isdigit() or int(name) in known:
            continue
        try:
            with open('/proc/%s/stat' % name, 'rb') as stat:
                data = stat.read()
            # The command name in parentheses may hold spaces and parentheses of its own.
            state, ppid = data[data.rindex(b')') + 2:].split(b' ', 2)[:2]
        except (OSError, ValueError):
            continue
        if int(ppid) == parent:
            found.append((int(name), state == b'Z'))
    return found


def _command(pid):
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as cmdline:
            words = cmdline.read().split(b'\0')
    except OSError:
        return None
    text = ' '.join(word.decode('utf-8', 'replace') for word in words if word)
    return text[:200] or None


def end_left_running(known=(), check_first=True):
    """Kills every child of this process but `known`, and theirs as they are orphaned.

    Returns the command lines of those that were still running. `check_first`: skip the /proc scan
    when waitpid says there is no child at all (always so for a call that started nothing).
    """
    if _libc is None or (check_first and not _has_live_children()):
        return []
    me = os.getpid()
    known = set(known)
    left = []
    # Killing a daemon orphans its own children, which come to us in turn: a few rounds end them all.
    for _ in range(10):
        children = _children(me, known)
        if not children:
            break
        for pid, zombie in children:
            if not zombie:
                command = _command(pid)
                if command:
                    left.append(command)
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        for pid, _ in children:
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass
    return left
