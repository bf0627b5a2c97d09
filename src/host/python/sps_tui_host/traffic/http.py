"""HTTP and HTTPS through vcrpy, which patches http.client, urllib3, requests and urllib.request
above TLS. Its cassette lives in memory and speaks to the tape: sps-tui keeps its own file format.
"""
import base64
import contextlib
import json
import logging

from .base import Adapter
from .redact import REDACTED, is_secret_field, redact_data, redact_headers, replace_secrets

try:  # Python 3; the host also runs on SPS's 3.6, where these exist too
    from urllib.parse import parse_qsl, urlsplit
except ImportError:  # pragma: no cover
    from urlparse import parse_qsl, urlsplit

# Headers that say nothing about what the plugin asked and change between runs and libraries.
VOLATILE_REQUEST = ('user-agent', 'accept-encoding', 'connection', 'content-length', 'host')
VOLATILE_RESPONSE = ('date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive')
# Compared on replay besides method, URL and body; redacted headers compare as `<redacted>`.
MATCHED_HEADERS = ('content-type', 'authorization', 'proxy-authorization', 'x-vault-token', 'x-api-key', 'soapaction')


def _header_map(pairs, volatile):
    headers = {}
    for name, value in pairs:
        if name.lower() in volatile:
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, bytes):
                item = item.decode('latin-1')
            headers.setdefault(name, []).append(str(item))
    return dict((name, values[0] if len(values) == 1 else values) for name, values in headers.items())


def _content_type(headers):
    for name, value in headers.items():
        if name.lower() == 'content-type':
            return (value if isinstance(value, str) else value[0]).lower()
    return ''


def encode_body(data, content_type):
    """{'json': data} | {'text': str} | {'base64': str} | {} - readable in a diff where it can be."""
    if data is None or data == b'' or data == '':
        return {}
    if isinstance(data, str):
        data = data.encode('utf-8')
    if 'json' in content_type or data[:1] in (b'{', b'['):
        try:
            return {'json': json.loads(data.decode('utf-8'))}
        except ValueError:
            pass
    try:
        return {'text': data.decode('utf-8')}
    except UnicodeDecodeError:
        return {'base64': base64.b64encode(data).decode('ascii')}


def decode_body(message):
    if 'json' in message:
        return json.dumps(message['json']).encode('utf-8')
    if 'text' in message:
        return message['text'].encode('utf-8')
    if 'base64' in message:
        return base64.b64decode(message['base64'])
    return b''


def describe_request(request):
    """What was asked, as a recording stores it: the redacted, readable request."""
    out = {'method': request.method, 'url': request.uri}
    headers = _header_map(list(request.headers.items()), VOLATILE_REQUEST)
    if headers:
        out['headers'] = headers
    out.update(encode_body(request.body, _content_type(headers)))
    return out


def redact_request(entry, table):
    out = dict(entry)
    out['url'] = replace_secrets(_redact_query(entry['url']), table)
    if 'headers' in entry:
        out['headers'] = redact_headers(entry['headers'], table)
    if 'json' in entry:
        out['json'] = redact_data(entry['json'], table)
    if 'text' in entry:
        out['text'] = replace_secrets(_redact_form(entry['text']), table)
    return out


def _redact_query(url):
    parts = urlsplit(url)
    if not parts.query:
        return url
    return url.replace(parts.query, _redact_form(parts.query), 1)


def _redact_form(text):
    pairs = text.split('&')
    if not all('=' in pair for pair in pairs) or ' ' in text or '\n' in text:
        return text
    return '&'.join(
        '%s=%s' % (name, REDACTED) if is_secret_field(name) and value else '%s=%s' % (name, value)
        for name, value in (pair.split('=', 1) for pair in pairs)
    )


def describe_response(response):
    headers = response.get('headers') or {}
    out = {'status': response['status']['code'], 'reason': response['status']['message']}
    kept = _header_map(list(headers.items()), VOLATILE_RESPONSE)
    if kept:
        out['headers'] = redact_headers(kept, [])
    body = response.get('body', {}).get('string')
    out.update(encode_body(body, _content_type(kept)))
    return out


def to_response(recorded):
    body = decode_body(recorded)
    headers = {}
    for name, value in (recorded.get('headers') or {}).items():
        headers[name] = value if isinstance(value, list) else [value]
    headers['Content-Length'] = [str(len(body))]
    return {'status': {'code': recorded['status'], 'message': recorded.get('reason', '')}, 'headers': headers, 'body': {'string': body}}


def comparable(request):
    """The parts of a request replay matches on, bodies as data so key order and spacing do not count."""
    parts = urlsplit(request['url'])
    headers = dict((name.lower(), value) for name, value in (request.get('headers') or {}).items() if name.lower() in MATCHED_HEADERS)
    if 'json' in request:
        body = ('json', request['json'])
    elif 'text' in request and _looks_like_form(request):
        body = ('form', sorted(parse_qsl(request['text'], keep_blank_values=True)))
    else:
        body = ('raw', request.get('text', request.get('base64', '')))
    return {
        'method': request['method'].upper(),
        'scheme': parts.scheme,
        'host': (parts.hostname or '').lower(),
        'port': parts.port or (443 if parts.scheme == 'https' else 80),
        'path': parts.path or '/',
        'query': sorted(parse_qsl(parts.query, keep_blank_values=True)),
        'body': body,
        'headers': headers,
    }


def _looks_like_form(request):
    kind = _content_type(request.get('headers') or {})
    return 'x-www-form-urlencoded' in kind


def differing_fields(made, recorded):
    a, b = comparable(made), comparable(recorded)
    return [name for name in ('method', 'scheme', 'host', 'port', 'path', 'query', 'body', 'headers') if a[name] != b[name]]


def _show(field, request):
    value = comparable(request)[field]
    if field == 'query' or (field == 'body' and value[0] == 'form'):
        pairs = value if field == 'query' else value[1]
        return '{%s}' % ', '.join('%s: %s' % pair for pair in pairs)
    if field == 'body':
        return json.dumps(value[1], sort_keys=True) if value[0] == 'json' else repr(value[1])
    if field == 'headers':
        return json.dumps(value, sort_keys=True)
    return str(value)


def miss_message(made, candidates):
    lines = ['request not in the recording: %s %s' % (made['method'], made['url'])]
    if not candidates:
        lines.append('the recording holds no other request for this call')
        return '\n'.join(lines)
    closest = min(candidates, key=lambda entry: len(differing_fields(made, entry['request'])))
    recorded = closest['request']
    lines.append('closest recorded request: %s %s' % (recorded['method'], recorded['url']))
    for field in differing_fields(made, recorded):
        lines.append('  %s: recorded %s, made %s' % (field, _show(field, recorded), _show(field, made)))
    return '\n'.join(lines)


class HttpAdapter(Adapter):
    kind = 'http'

    def __init__(self):
        # vcrpy logs each request it plays or lets through; that is sps-tui's business, not the
        # plugin's output (an SDK plugin logs to stderr at INFO, which would show it).
        quiet = logging.getLogger('vcr')
        quiet.propagate = False
        quiet.addHandler(logging.NullHandler())
        from vcr.cassette import Cassette
        from vcr.patch import CassettePatcherBuilder
        # Patched once, here in the fork server: building the patches imports vcrpy's stubs and
        # probes for a dozen libraries, milliseconds a call in a child. A host loads this adapter
        # only for sessions that record or serve, and each child points the cassette at its tape.
        self._cassette = _cassette_class(Cassette)(None)
        self._stack = contextlib.ExitStack()
        for patcher in CassettePatcherBuilder(self._cassette).build():
            self._stack.enter_context(patcher)

    def install(self, tape):
        self._cassette.tape = tape


def _cassette_class(Cassette):
    class TapeCassette(Cassette):
        """A cassette with no file: requests are served from, or added to, the call's tape."""

        def __init__(self, tape):
            Cassette.__init__(self, '<sps-tui>')
            self.tape = tape

        # With no tape (a call that asked for no traffic), requests pass through unrecorded.
        @property
        def write_protected(self):
            return self.tape is not None and self.tape.replaying

        def can_play_response_for(self, request):
            return self.tape is not None and self.tape.replaying

        def play_response(self, request):
            made = redact_request(describe_request(request), self.tape.secrets)

            def matches(entry):
                return not differing_fields(made, entry['request'])
            entry = self.tape.take('http', matches, lambda candidates: miss_message(made, candidates))
            self.tape.add({'kind': 'http', 'request': made, 'response': entry['response']})
            return to_response(entry['response'])

        def append(self, request, response):
            if self.tape is None:
                return
            made = redact_request(describe_request(request), self.tape.secrets)
            self.tape.add({'kind': 'http', 'request': made, 'response': describe_response(response)})

        def filter_request(self, request):
            return request

        def _save(self, force=False):
            pass

    return TapeCassette
