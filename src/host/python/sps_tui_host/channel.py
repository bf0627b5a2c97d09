"""JSON lines over the file descriptor Node opened for us, and line splitting of plugin output."""
import errno
import json
import os


class Channel:
    """Duplex JSON-lines channel on a socket file descriptor (fd 3)."""

    def __init__(self, fd):
        self.fd = fd
        self.closed = False
        self._buffer = b''
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
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b'\n')
        return [json.loads(line.decode('utf-8')) for line in lines if line.strip()]


class LineSplitter:
    """Turns a byte stream into complete text lines; undecodable bytes become U+FFFD."""

    def __init__(self):
        self._partial = b''

    def feed(self, chunk):
        *lines, self._partial = (self._partial + chunk).split(b'\n')
        return [decode(line) for line in lines]

    def flush(self):
        rest, self._partial = self._partial, b''
        return [decode(rest)] if rest else []


def decode(data):
    return data.decode('utf-8', errors='replace')
