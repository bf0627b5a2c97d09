"""A child forked before its request arrives, so a hook call does not wait for fork().

The spare is forked from the server while the server is idle or serving another call; it is as
fresh as a child forked on demand (the server never runs plugin code), and it learns its request
through a pipe of its own.
"""
import json
import os
import signal

from .child import run_child


class Spare:
    def __init__(self, plugin_dir, module, load_failure, server_fds):
        self.reads, writes = {}, {}
        for name in ('stdout', 'stderr', 'result'):
            self.reads[name], writes[name] = os.pipe()
        request_read, self.request_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            # Nothing of the server's may stay open here while the spare waits: not its wake-up
            # pipe (signals), not the channel to Node, not the pipes of other calls.
            signal.set_wakeup_fd(-1)
            for fd in list(server_fds) + list(self.reads.values()) + [self.request_write]:
                try:
                    os.close(fd)
                except OSError:
                    pass
            request = _receive(request_read)
            if request is None:
                os._exit(0)  # the server let go of it, or is gone
            run_child(request, plugin_dir, module, load_failure, writes, [])
        self.pid = pid
        os.close(request_read)
        for fd in writes.values():
            os.close(fd)

    def hand(self, request):
        data = json.dumps(request).encode('utf-8')
        view = memoryview(data)
        while view:
            view = view[os.write(self.request_write, view):]
        os.close(self.request_write)

    def discard(self):
        for fd in [self.request_write] + list(self.reads.values()):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def _receive(fd):
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except InterruptedError:
            continue
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return json.loads(b''.join(chunks).decode('utf-8')) if chunks else None
