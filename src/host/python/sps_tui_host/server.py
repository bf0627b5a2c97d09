"""The server loop: reads requests from Node, forks one child per hook call, reports results.

Modes: `fork` imports main.py once and forks a child per call (copy-on-write: no call sees
another's changes); `spawn` imports nothing, serves one request (the child imports main.py)
and exits. Both speak the same JSON-lines protocol on fd 3.
"""
import os
import select
import signal
import sys
import time

from . import plugin_module, reaper
from .channel import Channel
from .run import Run
from .spare import Spare

CHANNEL_FD = 3
POLL_SECONDS = 1.0


def main(argv):
    options = _parse(argv)
    try:
        channel = Channel(CHANNEL_FD)
    except OSError:
        sys.stderr.write('sps-tui-host: started without its channel on fd 3; run it through sps-tui\n')
        sys.exit(64)
    if options['helpers']:
        from . import helper_paths
        helper_paths.PATHS.extend(options['helpers'])
    if options.get('coverage'):
        from . import coverage_run
        coverage_run.configure(options['coverage'])
    if options.get('pdb') or options.get('debugpy'):
        from . import debug
        debug.configure(options.get('pdb') == '1', options.get('debugpy'))
    server = Server(channel, os.path.abspath(options['plugin-dir']), options['mode'])
    server.serve()
    # Skip interpreter shutdown: atexit handlers the plugin registered at import belong to calls.
    os._exit(0)


def _parse(argv):
    options = {'mode': 'fork'}
    for index in range(0, len(argv) - 1, 2):
        options[argv[index].lstrip('-')] = argv[index + 1]
    options['helpers'] = [path for path in options.get('helpers', '').split(os.pathsep) if path]
    if 'plugin-dir' not in options or options['mode'] not in ('fork', 'spawn'):
        sys.stderr.write('usage: host.py --plugin-dir DIR [--mode fork|spawn]\n')
        sys.exit(64)
    return options


class Server:
    def __init__(self, channel, plugin_dir, mode):
        self.channel = channel
        self.plugin_dir = plugin_dir
        self.once = mode == 'spawn'
        self.served = False
        self.runs = {}
        self.module = None
        self.load_failure = None
        self.import_logs = []
        self.spare = None
        self.wake_read, self.wake_write = os.pipe()
        os.set_blocking(self.wake_write, False)
        os.set_blocking(self.wake_read, False)

    def serve(self):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the Node UI
        signal.signal(signal.SIGCHLD, lambda signum, frame: None)
        signal.set_wakeup_fd(self.wake_write)
        reaper.preload()
        # A call killed for its time limit cannot end what it left running; its orphans come here.
        reaper.become_subreaper()
        self.channel.send({'op': 'ready', 'python': '%d.%d.%d' % tuple(sys.version_info[:3]), 'pid': os.getpid()})
        if not self.once:
            self._preload()
            self.spare = self._fork_spare()
        while not self.channel.closed and not (self.once and self.served and not self.runs):
            self._step()
        if self.spare is not None:
            self.spare.discard()
        for run in list(self.runs.values()):
            run.kill()
            run.wait()

    def _preload(self):
        try:
            os.chdir(self.plugin_dir)
        except OSError:
            pass
        from . import coverage_run
        self.module, error, self.import_logs = coverage_run.measure_import(
            self.plugin_dir, lambda: plugin_module.import_main_captured(self.plugin_dir))
        if error is not None:
            self.load_failure = plugin_module.load_failure(error)
        # Always, and after main.py: a child that imported the recording layers itself would pay
        # for it on every call, and the libraries vcrpy patches must be the plugin's own copies.
        from . import traffic
        traffic.preload()
        _warm_up()


    def _step(self):
        watched = [self.wake_read, self.channel.fd]
        for run in self.runs.values():
            watched.extend(run.open_fds())
        ready, _, _ = select.select(watched, [], [], self._timeout())
        for fd in ready:
            if fd == self.wake_read:
                self._drain_wakeups()
            elif fd == self.channel.fd:
                for message in self.channel.receive():
                    self._dispatch(message)
            else:
                for run in self.runs.values():
                    if fd in run.open_fds():
                        run.read(fd)
                        break
        now = time.monotonic()
        for run_id, run in list(self.runs.items()):
            run.poll(now)
            if run.finished(now):
                del self.runs[run_id]
                report = run.report()
                if not run.cleaned_up():
                    left = reaper.end_left_running(self._child_pids(), check_first=False)
                    if left:
                        report['left_running'] = left
                self.channel.send(report)
                self.served = True

    def _timeout(self):
        now = time.monotonic()
        moments = [run.next_moment() for run in self.runs.values()]
        moments = [moment for moment in moments if moment is not None]
        if not moments:
            return POLL_SECONDS
        return max(0.0, min(min(moments) - now, POLL_SECONDS))

    def _drain_wakeups(self):
        try:
            while os.read(self.wake_read, 512):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _dispatch(self, message):
        op = message.get('op')
        if op in ('call', 'inspect'):
            self._start(message)
        elif op == 'cancel':
            run = self.runs.get(message.get('id'))
            if run is not None:
                run.cancel()

    def _start(self, request):
        run = Run(request, self.channel)
        if request['op'] == 'call':
            for stream, text in self.import_logs:
                self.channel.send({'op': 'log', 'id': run.id, 'stream': stream, 'text': text})
        if request['op'] == 'call' and not self.once:
            run.start_in(self.spare or self._fork_spare())
            self.runs[run.id] = run
            # The next call's child is forked now, while this one runs.
            self.spare = self._fork_spare()
        else:
            run.start(self.plugin_dir, self.module, self.load_failure, self._server_fds())
            self.runs[run.id] = run

    def _child_pids(self):
        pids = [run.pid for run in self.runs.values()]
        return pids + ([self.spare.pid] if self.spare is not None else [])

    def _server_fds(self):
        fds = [self.channel.fd, self.wake_read, self.wake_write]
        for other in self.runs.values():
            fds.extend(other.open_fds())
        return fds

    def _fork_spare(self):
        return Spare(self.plugin_dir, self.module, self.load_failure, self._server_fds())


def _warm_up():
    """Imports every child needs, done once before forking instead of in each child.

    Only small ones: a bigger server makes every fork and every child slower, so what only a
    failing call needs (traceback) or an unusual hook needs (inspect) is imported there.
    """
    import atexit  # noqa: F401
    import json  # noqa: F401
    import gc
    # Objects alive now never need collecting in a child; a child's collection would otherwise
    # walk (and so copy-on-write) every page the server holds.
    if hasattr(gc, 'freeze'):
        gc.freeze()
