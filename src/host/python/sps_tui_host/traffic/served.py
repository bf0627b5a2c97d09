"""Secrets that came from a service (a vault's password, an issued token) never reach the file.

At record time each is replaced by a placeholder that names it and keeps its shape:
`<served:data.password:Aa{7}9{2}%21>` is nine characters, an upper-case letter, seven lower-case,
two digits and `!`. Replay serves a stand-in of that shape (Node makes it from the placeholder),
so the plugin's format checks still pass and replay needs no secret at all.
"""
from .redact import is_secret_field, redact_data

# The base64 alphabet of a PEM body is one class: a stand-in key must still look like a key.
PEM_BODY = 'b'


B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='


def _escaped(char):
    return ''.join('%%%02X' % byte for byte in char.encode('utf-8'))


def _class(char, pem_body):
    if pem_body and char in B64:
        return PEM_BODY
    if 'A' <= char <= 'Z':
        return 'A'
    if 'a' <= char <= 'z':
        return 'a'
    if '0' <= char <= '9':
        return '9'
    return _escaped(char)


def shape(secret):
    tokens = []
    for line in secret.splitlines(True):
        armour = line.startswith('-----')
        pem_body = not armour and secret.startswith('-----BEGIN')
        for char in line:
            if armour or char in '\r\n':
                tokens.append(_escaped(char))
            else:
                tokens.append(_class(char, pem_body))
    out = []
    for token in tokens:
        if out and out[-1][0] == token:
            out[-1][1] += 1
        else:
            out.append([token, 1])
    return ''.join(token if count == 1 else '%s{%d}' % (token, count) for token, count in out)


def find(entries, result):
    """[(secret, label)] in the recorded responses: secret-named fields, and returned credentials."""
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                label = '%s.%s' % (path, key) if path else str(key)
                if isinstance(item, str) and item and is_secret_field(str(key)):
                    found.append((item, label))
                else:
                    walk(item, label)
        elif isinstance(value, list):
            for item in value:
                walk(item, path)

    bodies = []
    for entry in entries:
        response = entry.get('response') or {}
        if 'json' in response:
            walk(response['json'], '')
        bodies.append(repr(response))
    for credential in _credentials(result):
        if any(credential in body or repr(credential)[1:-1] in body for body in bodies):
            found.append((credential, 'credential'))
    return found


def _credentials(result):
    if not isinstance(result, dict):
        return []
    out = [p for p in result.get('passwords') or [] if isinstance(p, str) and p]
    for key in result.get('private_keys') or []:
        if isinstance(key, (list, tuple)) and len(key) > 1 and isinstance(key[1], str):
            out.append(key[1])
    return out


def replace(value, table):
    """The value with each secret of the table replaced by its placeholder, as redaction does."""
    return redact_data(value, table, field_rule=False)


def placeholders(found):
    """[(secret, placeholder)], one placeholder per distinct secret, numbered where labels repeat."""
    table, seen = [], {}
    for secret, label in found:
        if any(secret == known for known, _ in table):
            continue
        seen[label] = seen.get(label, 0) + 1
        name = label if seen[label] == 1 else '%s#%d' % (label, seen[label])
        table.append((secret, '<served:%s:%s>' % (name, shape(secret))))
    return sorted(table, key=lambda pair: -len(pair[0]))
