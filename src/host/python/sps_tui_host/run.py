"""One forked child running one request: its pipes, its deadline, its end."""
import os
import signal
import time

from .channel import LineSplitter
from .child import RESULT_LOST, run_child

# After the child exits: how long output still held open by its leftovers may take to arrive.
DRAIN_SECONDS = 0.25
# Output kept per call; past it lines are counted, not sent. A plugin that floods its log would
# otherwise cost Node seconds and gigabytes, and every report and recording would carry it.
LOG_LIMIT_BYTES = 4 << 20
# Under --coverage a call over its limit gets SIGTERM first and this long to save what it ran.
TERM_GRACE_SECONDS = 1.0


class Run:
    def __init__(self, request, channel):
        self.request = request
        self.channel = channel
        self.id = request.get('id')
        self.op = request['op']
        self.hook = request.get('hook', '')
        self.limit = float(request.get('timeoutMs') or 300000) / 1000.0
        self.pid = None
        self.status = None
        self.killed_for = None
        self.streams = {}
        self.splitters = {}
        self.result = []
        self.logged_bytes = 0
        self.dropped = {'lines': 0, 'bytes': 0}
        self.started = time.monotonic()
        self.deadline = self.started + self.limit
        self.ended = None
        self.kill_at = None

    def start(self, plugin_dir, module, load_failure, server_fds):
        reads, writes = {}, {}
        for name in ('stdout', 'stderr', 'result'):
            reads[name], writes[name] = os.pipe()
        close_in_child = list(server_fds) + list(reads.values())
        pid = os.fork()
        if pid == 0:
            run_child(self.request, plugin_dir, module, load_failure, writes, close_in_child)
        for name, fd in writes.items():
            os.close(fd)
        self._watch(pid, reads)

    def start_in(self, spare):
        """Runs the request in a child forked ahead of time (fork mode's fast path)."""
        spare.hand(self.request)
        self._watch(spare.pid, spare.reads)

    def _watch(self, pid, reads):
        self.pid = pid
        for name, fd in reads.items():
            self.streams[fd] = name
            if name != 'result':
                self.splitters[name] = LineSplitter()
        self.started = time.monotonic()
        self.deadline = self.started + self.limit
        self.channel.send({'op': 'started', 'id': self.id, 'pid': pid})

    def open_fds(self):
        return list(self.streams)

    def read(self, fd):
        name = self.streams[fd]
        try:
            chunk = os.read(fd, 65536)
        except InterruptedError:
            return
        except OSError:
            chunk = b''
        if not chunk:
            self._close(fd)
        elif name == 'result':
            self.result.append(chunk)
        else:
            self._log(name, self.splitters[name].feed(chunk))

    def _log(self, stream, lines):
        for text in lines:
            if self.logged_bytes + len(text) > LOG_LIMIT_BYTES:
                self.dropped['lines'] += 1
                self.dropped['bytes'] += len(text) + 1
                continue
            self.logged_bytes += len(text) + 1
            self.channel.send({'op': 'log', 'id': self.id, 'stream': stream, 'text': text})

    def _close(self, fd):
        name = self.streams.pop(fd)
        os.close(fd)
        if name != 'result':
            self._log(name, self.splitters[name].flush())

    def cancel(self):
        if self.status is None and self.killed_for is None:
            self.killed_for = 'aborted'
            self.kill()

    def kill(self):
        """SIGKILL the child's whole process group: the hook and everything it started."""
        for kill in (os.killpg, os.kill):
            try:
                kill(self.pid, signal.SIGKILL)
            except OSError:
                pass

    def wait(self):
        if self.status is None:
            self.status = os.waitpid(self.pid, 0)[1]
            self.ended = time.monotonic()

    def poll(self, now):
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                self.ended = now
                # Whatever the hook started and left running goes with it.
                self.kill()
            elif now >= self.deadline and self.killed_for is None:
                self.killed_for = 'timeout'
                if 'coverage' in self.request:
                    self._terminate(now)
                else:
                    self.kill()
            elif self.kill_at is not None and now >= self.kill_at:
                self.kill_at = None
                self.kill()

    def _terminate(self, now):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except OSError:
            pass
        self.kill_at = now + TERM_GRACE_SECONDS

    def next_moment(self):
        if self.status is None:
            return self.deadline if self.killed_for is None else self.kill_at
        return self.ended + DRAIN_SECONDS

    def finished(self, now):
        if self.status is None:
            return False
        if self.streams and now < self.ended + DRAIN_SECONDS:
            return False
        for fd in list(self.streams):
            self._close(fd)
        if self.dropped['lines']:
            text = 'sps-tui: %d more lines (%.1f MiB) of output were not kept: over %d MiB per call' % (
                self.dropped['lines'], self.dropped['bytes'] / 1048576.0, LOG_LIMIT_BYTES >> 20)
            self.channel.send({'op': 'log', 'id': self.id, 'stream': 'stderr', 'text': text})
        return True

    def cleaned_up(self):
        """Whether the child lived to end what its hook left running (it was not killed)."""
        return self.killed_for is None and bool(self.result) and os.WIFEXITED(self.status) and os.WEXITSTATUS(self.status) == 0

    def report(self):
        message = dict(self._outcome(), id=self.id, op='result' if self.op == 'call' else 'inspect-result')
        message['durationMs'] = int(round((self.ended - self.started) * 1000))
        return message

    def _outcome(self):
        if self.killed_for == 'timeout':
            return _error('timeout', '%s did not return within %s and was killed' % (self.hook, _seconds(self.limit)))
        if self.killed_for == 'aborted':
            return _error('aborted', '%s was cancelled' % self.hook)
        data = b''.join(self.result)
        if data:
            import json
            try:
                outcome = json.loads(data.decode('ascii'))
            except ValueError:
                outcome = None
            if isinstance(outcome, dict) and isinstance(outcome.get('ok'), bool):
                return outcome
            return _error('exit', '%s wrote into the descriptor sps-tui reads its result from' % (self.hook or 'the plugin'))
        code = os.WEXITSTATUS(self.status) if os.WIFEXITED(self.status) else None
        if code == RESULT_LOST:
            return _error('exit', '%s closed the descriptor sps-tui reads its result from (it closes descriptors it did not open)' % (self.hook or 'the plugin'))
        if os.WIFSIGNALED(self.status):
            number = os.WTERMSIG(self.status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = 'signal %d' % number
            return _error('signal', '%s was killed by %s' % (self.hook or 'the plugin', name))
        code = os.WEXITSTATUS(self.status) if os.WIFEXITED(self.status) else self.status
        return _error('exit', '%s exited with status %d before returning a result' % (self.hook or 'the plugin', code))


def _error(kind, message):
    return {'ok': False, 'kind': kind, 'message': message, 'traceback': None}


def _seconds(limit):
    return ('%g s' % limit) if limit >= 1 else ('%d ms' % round(limit * 1000))
