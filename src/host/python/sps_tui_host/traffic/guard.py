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


def install(tape, allowed=lambda what, address: False):
    """Every connect, sendto and name lookup fails the call with what was tried and where."""
    def blocked(what, address):
        message = 'network access during replay: %s' % what
        tape.diverge(message)
        return NetworkBlocked(message)

    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_sendto = socket.socket.sendto

    def connect(self, address):
        if self.family == getattr(socket, 'AF_UNIX', None) or allowed('connect', address):
            return original_connect(self, address)
        raise blocked('%s connect to %s' % (_kind(self), _where(address)), address)

    def connect_ex(self, address):
        if self.family == getattr(socket, 'AF_UNIX', None) or allowed('connect', address):
            return original_connect_ex(self, address)
        raise blocked('%s connect to %s' % (_kind(self), _where(address)), address)

    def sendto(self, data, *rest):
        address = rest[-1] if rest else None
        if allowed('sendto', address):
            return original_sendto(self, data, *rest)
        raise blocked('%s send to %s' % (_kind(self), _where(address)), address)

    def lookup(name):
        original = getattr(socket, name)

        def guarded(host, *args, **kwargs):
            if host in (None, 'localhost') or _numeric(host) or allowed('lookup', host):
                return original(host, *args, **kwargs)
            raise blocked('DNS lookup of %s' % (host,), host)
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
