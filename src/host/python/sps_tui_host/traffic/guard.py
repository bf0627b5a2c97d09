"""While a call is served from a recording, nothing else of it may reach the network.

Python-level only: a C library that opens its own sockets (libldap in python-ldap) is out of reach.
"""
import socket


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


def _replaying():
    tape = _Current.tape
    return tape is not None and tape.replaying


def _refuse(what):
    message = 'network access during replay: %s' % what
    _Current.tape.diverge(message)
    raise NetworkBlocked(message)


def install():
    """Wraps connect, sendto and name lookups, once, in the fork server.

    While the current tape replays, each fails the call with what was tried and where; with no
    tape, or one that records, they pass straight through.
    """
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_sendto = socket.socket.sendto

    def check_connect(sock, address):
        if _replaying() and sock.family != getattr(socket, 'AF_UNIX', None):
            _refuse('%s connect to %s' % (_kind(sock), _where(address)))

    def connect(self, address):
        check_connect(self, address)
        return original_connect(self, address)

    def connect_ex(self, address):
        check_connect(self, address)
        return original_connect_ex(self, address)

    def sendto(self, data, *rest):
        if _replaying():
            _refuse('%s send to %s' % (_kind(self), _where(rest[-1] if rest else None)))
        return original_sendto(self, data, *rest)

    def lookup(original):
        def guarded(host, *args, **kwargs):
            if _replaying() and not (host in (None, 'localhost') or _numeric(host)):
                _refuse('DNS lookup of %s' % (host,))
            return original(host, *args, **kwargs)
        return guarded

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    for name in ('getaddrinfo', 'gethostbyname', 'gethostbyname_ex'):
        setattr(socket, name, lookup(getattr(socket, name)))


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
