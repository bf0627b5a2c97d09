"""What a plugin looks like from the outside: import main.py, look at Plugin, call nothing."""
import inspect
import os
import sys

from . import plugin_module

KNOWN_HOOKS = (
    'authenticate', 'authorize', 'session_ended',
    'get_password_list', 'get_private_key_list', 'authentication_completed',
    'get_remote_app_credentials', 'get_totp_codes',
)


def introspect(plugin_dir, target=(3, 6)):
    from . import compat
    report = {
        'hasPluginClass': False,
        'constructorTakesConfiguration': False,
        'hooks': {},
        'pythonVersion': '%d.%d.%d' % tuple(sys.version_info[:3]),
        # Before the import: what the appliance's Python would trip on is worth saying even when it fails here.
        'compat': compat.findings(plugin_dir, target),
    }
    path = os.path.realpath(plugin_module.main_path(plugin_dir))
    module, error = plugin_module.import_main(plugin_dir)
    if error is not None:
        report['error'] = _error(
            'main.py could not be imported: %s' % plugin_module.exception_summary(error),
            plugin_module.format_traceback(error),
            plugin_module.error_line(error, plugin_dir),
        )
        return report
    plugin_class = getattr(module, 'Plugin', None)
    if not inspect.isclass(plugin_class):
        report['error'] = _error('main.py defines no Plugin class', None, None)
        return report
    report['hasPluginClass'] = True
    report['constructorTakesConfiguration'] = _takes_configuration(plugin_class)
    for name in KNOWN_HOOKS:
        hook = _describe_hook(plugin_class, name, path)
        if hook is not None:
            report['hooks'][name] = hook
    return report


def _error(message, traceback_text, line):
    error = {'message': message}
    if traceback_text:
        error['traceback'] = traceback_text
    if line:
        error['line'] = line
    return error


def _takes_configuration(plugin_class):
    try:
        inspect.signature(plugin_class).bind('configuration')
    except TypeError:
        return False
    except ValueError:  # no signature available (a C type): assume it does
        return True
    return True


def _describe_hook(plugin_class, name, main_path):
    try:
        raw = inspect.getattr_static(plugin_class, name)
    except AttributeError:
        return None
    if isinstance(raw, staticmethod):
        function, drop_first = raw.__func__, False
    elif isinstance(raw, classmethod):
        function, drop_first = raw.__func__, True
    elif callable(raw):
        function, drop_first = raw, True
    else:
        return None
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return {'parameters': [], 'varKeyword': True}
    if drop_first and parameters and parameters[0].kind in (
            inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
        parameters = parameters[1:]
    by_name = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    hook = {
        'parameters': [p.name for p in parameters if p.kind in by_name],
        'varKeyword': any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters),
    }
    code = getattr(inspect.unwrap(function), '__code__', None)
    if code is not None and os.path.realpath(code.co_filename) == main_path:
        hook['line'] = code.co_firstlineno
    return hook
