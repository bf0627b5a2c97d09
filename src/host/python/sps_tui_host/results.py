"""What SPS can do with a hook's return value: the JSON round trip and the dict check."""
import json
import math

# Hooks whose result SPS reads: it must be a dict (or None).
READ_HOOKS = frozenset([
    'authenticate', 'authorize', 'get_password_list', 'get_private_key_list', 'authentication_completed',
])
# Hooks whose return value SPS ignores.
IGNORED_HOOKS = frozenset(['session_ended'])
# A result larger than this is refused: a cookie or credential list of megabytes is a bug in the
# plugin, and every later call would carry it (cookies go back in with each hook's arguments).
MAX_RESULT_BYTES = 1 << 20


def shape_result(hook, value, passed):
    """The outcome of a hook that returned `value`: the JSON-decoded value, or a bad-result error."""
    if hook in IGNORED_HOOKS:
        return {'ok': True, 'value': None, 'passed': passed}
    problem = None
    if hook in READ_HOOKS and value is not None and not isinstance(value, dict):
        problem = 'the result is %s, not a dict or None' % describe(value)
    if problem is None:
        try:
            problem = find_problem(value, 'result', set())
        except RecursionError:
            problem = 'the result is nested too deeply'
    if problem is None:
        try:
            text = json.dumps(value, allow_nan=False)
        except (TypeError, ValueError, OverflowError) as error:
            problem = 'the result does not serialise to JSON (%s)' % error
    if problem is None and len(text) > MAX_RESULT_BYTES:
        return _refused('%s returned %.1f MiB of JSON; sps-tui refuses results over 1 MiB' % (hook, len(text) / 1048576.0), passed)
    if problem is not None:
        return _refused('%s returned a value SPS cannot use: %s' % (hook, problem), passed)
    return {'ok': True, 'value': json.loads(text), 'passed': passed}


def _refused(message, passed):
    return {'ok': False, 'kind': 'bad-result', 'message': message, 'traceback': None, 'passed': passed}


def find_problem(value, path, open_containers):
    """The first reason `value` cannot survive json.dumps, with the path to it, or None."""
    if value is None or isinstance(value, (bool, int, str)):
        return None
    if isinstance(value, float):
        return _float_problem(value, path)
    if not isinstance(value, (dict, list, tuple)):
        return '%s is %s' % (path, describe(value))
    if id(value) in open_containers:
        return '%s contains itself' % path
    open_containers.add(id(value))
    try:
        if isinstance(value, dict):
            for key, item in value.items():
                name = _json_key(key)
                if name is None:
                    return '%s has a key that is %s: %s' % (path, describe(key), _short_repr(key))
                problem = find_problem(item, '%s[%s]' % (path, json.dumps(name)), open_containers)
                if problem:
                    return problem
        else:
            for index, item in enumerate(value):
                problem = find_problem(item, '%s[%d]' % (path, index), open_containers)
                if problem:
                    return problem
    finally:
        open_containers.discard(id(value))
    return None


def _float_problem(value, path):
    if math.isnan(value):
        return '%s is NaN' % path
    if math.isinf(value):
        return '%s is %s' % (path, 'Infinity' if value > 0 else '-Infinity')
    return None


def _json_key(key):
    """The string json.dumps turns a dict key into, or None when it refuses the key."""
    if isinstance(key, str):
        return key
    if isinstance(key, float) and (math.isnan(key) or math.isinf(key)):
        return None
    if key is None or isinstance(key, (bool, int, float)):
        return next(iter(json.loads(json.dumps({key: 0}))))
    return None


def describe(value):
    name = type(value).__name__
    if name in ('bytes', 'bytearray'):
        return name
    article = 'an' if name[:1].lower() in 'aeiou' else 'a'
    return '%s %s' % (article, name)


def _short_repr(value, limit=60):
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + '...'
