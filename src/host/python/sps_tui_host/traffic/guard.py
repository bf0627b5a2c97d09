"""While a call is served from a recording, nothing else of it may reach the network.

Python-level only: a C library that opens its own sockets (libldap in python-ldap) is out of reach.
"""
import socket

_saved = {}


class NetworkBlocked(OSError):
    pass


def _where(address):
    if isinstance(address, tuple) and len(address) >= 2:
        return '%s:%s' % (address[0], address[1])
    return str(address)


def _kind(sock):
    try:
        return 'udp' if sock.type == socket.SOCK_DGRAM else 'tcp' if sock.type == socket.SOCK_STREAM else 'socket'
    except Exception:  # noqa: BLE001
        return 'socket'


class _Current(object):
    tape = None


def serve(tape):
    """From now on in this process (a forked child), network use is checked against this tape."""
    _Current.tape = tape


def install(allowed=lambda what, address: False):
    """Wraps connect, sendto and name lookups, once, in the fork server.

    While the current tape replays, each fails the call with what was tried and where; with no
    tape, or one that records, they pass straight through.
    """
    def blocked(what):
        tape = _Current.tape
        if tape is None or not tape.replaying:
            return None
        message = 'network access during replay: %s' % what
        tape.diverge(message)
        return NetworkBlocked(message)

    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_sendto = socket.socket.sendto

    def check_connect(sock, address):
        if _Current.tape is not None and sock.family != getattr(socket, 'AF_UNIX', None) and not allowed('connect', address):
            error = blocked('%s connect to %s' % (_kind(sock), _where(address)))
            if error is not None:
                raise error

    def connect(self, address):
        check_connect(self, address)
        return original_connect(self, address)

    def connect_ex(self, address):
        check_connect(self, address)
        return original_connect_ex(self, address)

    def sendto(self, data, *rest):
        address = rest[-1] if rest else None
        if _Current.tape is not None and not allowed('sendto', address):
            error = blocked('%s send to %s' % (_kind(self), _where(address)))
            if error is not None:
                raise error
        return original_sendto(self, data, *rest)

    def lookup(name):
        original = getattr(socket, name)

        def guarded(host, *args, **kwargs):
            if _Current.tape is not None and not (host in (None, 'localhost') or _numeric(host) or allowed('lookup', host)):
                error = blocked('DNS lookup of %s' % (host,))
                if error is not None:
                    raise error
            return original(host, *args, **kwargs)
        return original, guarded

    _saved['socket'] = (original_connect, original_connect_ex, original_sendto)
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    for name in ('getaddrinfo', 'gethostbyname', 'gethostbyname_ex'):
        original, guarded = lookup(name)
        _saved[name] = original
        setattr(socket, name, guarded)


def _numeric(host):
    if isinstance(host, bytes):
        host = host.decode('ascii', 'replace')
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.inet_pton(family, str(host))
            return True
        except (OSError, ValueError):
            pass
    return False
