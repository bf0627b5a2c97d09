"""What runs in the forked child: one hook call (or one introspection) in a fresh process group."""
import os
import signal
import sys

from . import coverage_run, debug, plugin_module, reaper
from .results import shape_result

# The child's exit status when the hook closed or replaced the descriptor the result goes out on.
RESULT_LOST = 71


def run_child(request, plugin_dir, module, load_failure, pipes, close_fds):
    """Never returns. `pipes`: {'stdout': w, 'stderr': w, 'result': w}; `close_fds`: the server's fds."""
    status = 70
    try:
        if request['op'] == 'call':
            debug.open_terminal()
        _isolate(pipes, close_fds)
        if request['op'] == 'call':
            reaper.become_subreaper()
            _reseed_random()
        os.environ.update(request.get('env') or {})
        try:
            os.chdir(plugin_dir)
        except OSError:
            pass  # importing main.py will say what is wrong with the directory
        if plugin_dir not in sys.path:
            sys.path.insert(0, plugin_dir)
        if request['op'] == 'inspect':
            from .introspect import introspect
            outcome = {'ok': True, 'value': introspect(plugin_dir, tuple(request.get('target') or (3, 6)))}
        else:
            coverage_run.begin_call(plugin_dir, request.get('coverage'))
            debug.begin_call(request.get('hook'))
            if module is None and load_failure is None:
                module, error = plugin_module.import_main(plugin_dir)
                load_failure = plugin_module.load_failure(error) if error is not None else None
            if load_failure is not None:
                outcome = load_failure
            else:
                outcome = _call_recorded(module, request) if request.get('traffic') else call_hook(module, request)
            coverage_run.end_call()
            # Before the result goes out: once it has, the call is over for SPS.
            left = [command for command in reaper.end_left_running() if not debug.is_ours(command)]
            if left:
                outcome['left_running'] = left
        _flush_std_streams()
        try:
            _write_all(pipes['result'], _encode(outcome))
            os.close(pipes['result'])
        except OSError:
            status = RESULT_LOST
            return
        _run_exit_handlers()
        status = 0
    except BaseException:  # noqa: B902 - whatever happens, never return into the server's loop
        try:
            import traceback
            traceback.print_exc()
        except BaseException:  # noqa: B902
            pass
    finally:
        _flush_std_streams()
        os._exit(status)


def _call_recorded(module, request):
    from . import traffic
    tape = traffic.begin(request)
    return traffic.end(tape, call_hook(module, request))


def _reseed_random():
    """Python 3.7+ reseeds `random` in every forked child; 3.6 does not, and every call would draw
    the same numbers the server's state holds, where SPS's fresh processes draw new ones."""
    if sys.version_info < (3, 7) and 'random' in sys.modules:
        sys.modules['random'].seed()


def _isolate(pipes, close_fds):
    try:
        os.setsid()  # own session and process group: a timeout kills everything the hook started
    except OSError:
        pass
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for fd in close_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(pipes['stdout'], 1)
    os.dup2(pipes['stderr'], 2)
    os.close(pipes['stdout'])
    os.close(pipes['stderr'])


def call_hook(module, request):
    hook = request['hook']
    plugin_class = getattr(module, 'Plugin', None)
    if not isinstance(plugin_class, type):
        return {'ok': False, 'kind': 'load', 'message': 'main.py defines no Plugin class', 'traceback': None}
    passed = None
    try:
        plugin = plugin_class(request.get('configuration', ''))
        method = getattr(plugin, hook, None)
        if method is None or not callable(method):
            return {
                'ok': False,
                'kind': 'missing-hook',
                'message': 'Plugin has no %s method' % hook,
                'traceback': None,
            }
        kwargs, passed = select_arguments(method, request.get('args') or {})
        value = method(**kwargs)
    except SystemExit as error:
        return _given(_exit_outcome(hook, error), passed)
    except BaseException as error:  # noqa: B902 - KeyboardInterrupt too: SPS logs whatever killed the hook
        debug.after_raise(hook, error)
        return _given({
            'ok': False,
            'kind': 'exception',
            'message': '%s raised %s%s' % (hook, plugin_module.exception_summary(error), debug.hint(error)),
            'traceback': plugin_module.format_traceback(error),
        }, passed)
    return shape_result(hook, value, passed)


def _given(failure, passed):
    """What the hook was given, so a failed call is compared on the arguments it took."""
    if passed is not None:
        failure['passed'] = passed
    return failure


CO_VARKEYWORDS = 0x08


def select_arguments(method, offered):
    """SPS passes arguments by name: all of them to **kwargs, else only the declared ones."""
    code = getattr(getattr(method, '__func__', None), '__code__', None)
    if code is not None and not hasattr(method, '__wrapped__'):
        # A plain method: its code object says it all, without importing inspect in the
        # server (a large import makes every fork and every child slower).
        if code.co_flags & CO_VARKEYWORDS:
            return dict(offered), list(offered)
        # Skip self, and anything positional-only: SPS passes nothing by position.
        start = max(1, getattr(code, 'co_posonlyargcount', 0))
        names = code.co_varnames[start:code.co_argcount + code.co_kwonlyargcount]
        passed = [name for name in names if name in offered]
        return {name: offered[name] for name in passed}, passed
    import inspect
    try:
        parameters = list(inspect.signature(method).parameters.values())
    except (TypeError, ValueError):
        return dict(offered), list(offered)
    if any(p.kind == p.VAR_KEYWORD for p in parameters):
        return dict(offered), list(offered)
    by_name = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    passed = [p.name for p in parameters if p.kind in by_name and p.name in offered]
    return {name: offered[name] for name in passed}, passed


def _exit_outcome(hook, error):
    code = error.code
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.stderr.write('%s\n' % (code,))  # what the interpreter prints for sys.exit('message')
        status = 1
    return {
        'ok': False,
        'kind': 'exit',
        'message': '%s exited with status %d (sys.exit) before returning a result' % (hook, status),
        'traceback': None,
    }


def _encode(outcome):
    import json
    return json.dumps(outcome, ensure_ascii=True, allow_nan=False).encode('ascii')


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _flush_std_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - the plugin may have replaced or closed them
            pass


def _run_exit_handlers():
    """atexit handlers the plugin registered run as at the end of SPS's per-call process."""
    try:
        import atexit
        atexit._run_exitfuncs()
    except Exception:  # noqa: BLE001
        pass
