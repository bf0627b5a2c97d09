"""Secrets out of traffic, the same way in record and replay, so a redacted recording still matches.

Header values and body fields that name a secret become `<redacted>`; the session's own secrets
(the table Node sends: echo-off answers, the gateway password, stand-ins of served secrets) become
their placeholders wherever they appear. Node redacts the written file again with the whole
session's table; this module only has to make the live request look like the recorded one.
"""
import re

SECRET_HEADERS = (
    'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key',
    'x-auth-token', 'x-vault-token', 'x-csrf-token', 'x-xsrf-token', 'x-amz-security-token',
)
SECRET_FIELD = re.compile(r'pass(word|wd|code|phrase)?$|secret|token|otp|api[-_]?key|credential|private[-_]?key', re.I)
REDACTED = '<redacted>'
# Shorter secrets are replaced only where a whole value equals them: "1" is inside too much.
MIN_EMBEDDED = 4


def is_secret_header(name):
    lower = name.lower()
    return lower in SECRET_HEADERS or lower.endswith('-token') or lower.endswith('-secret')


def is_secret_field(name):
    return bool(SECRET_FIELD.search(name))


def replace_secrets(text, table):
    for secret, replacement in table:
        if text == secret:
            return replacement
    for secret, replacement in table:
        if len(secret) >= MIN_EMBEDDED and secret in text:
            text = text.replace(secret, replacement)
    return text


def redact_data(value, table, field_rule=True):
    """JSON-like data with secret-named fields blanked and table secrets replaced."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if field_rule and isinstance(key, str) and is_secret_field(key) and isinstance(item, (str, int)) and item != '':
                out[key] = REDACTED
            else:
                out[key] = redact_data(item, table, field_rule)
        return out
    if isinstance(value, list):
        return [redact_data(item, table, field_rule) for item in value]
    if isinstance(value, str):
        return replace_secrets(value, table)
    return value


def redact_headers(headers, table):
    out = {}
    for name, value in headers.items():
        if is_secret_header(name):
            out[name] = REDACTED if isinstance(value, str) else [REDACTED for _ in value]
        else:
            out[name] = redact_data(value, table, False)
    return out
