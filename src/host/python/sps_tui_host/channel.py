"""JSON lines over the file descriptor Node opened for us, and line splitting of plugin output."""
import errno
import json
import os


class Channel:
    """Duplex JSON-lines channel on a socket file descriptor (fd 3)."""

    def __init__(self, fd):
        self.fd = fd
        self.closed = False
        self._lines = LineSplitter()
        os.set_blocking(fd, True)

    def send(self, message):
        if self.closed:
            return
        data = (json.dumps(message, ensure_ascii=True, allow_nan=False) + '\n').encode('ascii')
        view = memoryview(data)
        while view:
            try:
                written = os.write(self.fd, view)
            except InterruptedError:
                continue
            except OSError as error:
                if error.errno in (errno.EPIPE, errno.ECONNRESET, errno.EBADF):
                    self.closed = True
                    return
                raise
            view = view[written:]

    def receive(self):
        """Reads what is available; returns the complete messages. EOF closes the channel."""
        try:
            chunk = os.read(self.fd, 65536)
        except InterruptedError:
            return []
        except OSError:
            chunk = b''
        if not chunk:
            self.closed = True
            return []
        return [json.loads(line) for line in self._lines.feed_bytes(chunk) if line.strip()]


class LineSplitter:
    """Turns a byte stream into complete text lines; undecodable bytes become U+FFFD.

    A line of megabytes arrives in many chunks: they are kept apart and joined once, so each byte
    is scanned once rather than once per chunk.
    """

    def __init__(self):
        self._parts = []

    def feed_bytes(self, chunk):
        lines = chunk.split(b'\n')
        if len(lines) == 1:
            self._parts.append(chunk)
            return []
        lines[0] = b''.join(self._parts + [lines[0]])
        rest = lines.pop()
        self._parts = [rest] if rest else []
        return lines

    def feed(self, chunk):
        return [decode(line) for line in self.feed_bytes(chunk)]

    def flush(self):
        rest, self._parts = b''.join(self._parts), []
        return [decode(rest)] if rest else []


def decode(data):
    return data.decode('utf-8', errors='replace')
