"""Will the plugin run on the appliance's interpreter? Static checks; nothing of the plugin runs.

SPS runs pluginwrapper3 plugins under Python 3.6 (the guides' version). A plugin developed on a
newer Python can use syntax or standard modules 3.6 lacks, or third-party packages the appliance
does not ship; each is a warning with file and line.
"""
import ast
import os
import sys

# Besides the standard library, what pluginwrapper3 plugins may import on the appliance (the guides).
APPLIANCE_PACKAGES = frozenset(['safeguard', 'OpenSSL', 'ldap', 'requests', 'urllib3', 'yaml'])

# Standard modules newer than the oldest target: the version that added them.
NEWER_STDLIB = {
    'contextvars': (3, 7), 'dataclasses': (3, 7), 'graphlib': (3, 9), 'zoneinfo': (3, 9), 'tomllib': (3, 11),
}

SKIPPED_DIRS = frozenset(['__pycache__', '.git', '.venv', 'venv', 'node_modules'])


def _python_files(plugin_dir):
    for root, dirs, files in os.walk(plugin_dir):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith('.'))
        for name in sorted(files):
            if name.endswith('.py'):
                yield os.path.join(root, name)


def _carried(plugin_dir, name):
    """Whether the plugin brings module `name` itself (beside main.py, or in its lib/)."""
    for base in (plugin_dir, os.path.join(plugin_dir, 'lib')):
        if os.path.exists(os.path.join(base, name + '.py')) or os.path.isdir(os.path.join(base, name)):
            return True
    return False


def _stdlib():
    names = getattr(sys, 'stdlib_module_names', None)  # Python 3.10+
    return frozenset(names) | frozenset(sys.builtin_module_names) if names else None


def findings(plugin_dir, target=(3, 6)):
    found = []
    stdlib = _stdlib()
    for path in _python_files(plugin_dir):
        rel = os.path.relpath(path, plugin_dir).replace(os.sep, '/')
        try:
            with open(path, 'rb') as source:
                text = source.read()
        except OSError:
            continue
        # What this interpreter cannot parse either is an error of its own (the import says so).
        tree = _parse(text, path, None)
        if tree is None:
            continue
        try:
            _parse(text, path, target)
        except SyntaxError as error:
            found.append(_warning(rel, error.lineno, 'syntax Python %d.%d does not have: %s' % (target + (error.msg,))))
        except (ValueError, TypeError):
            pass
        if rel.startswith('lib/'):
            continue  # a bundled library's imports are its own business
        for line, name in _imports(tree):
            since = NEWER_STDLIB.get(name)
            if since and since > target:
                found.append(_warning(rel, line, 'imports %s, which Python %d.%d does not have (new in %d.%d)' % ((name,) + target + since)))
            elif stdlib is not None and name not in stdlib and name not in APPLIANCE_PACKAGES and not _carried(plugin_dir, name):
                found.append(_warning(
                    rel, line,
                    'imports %s, which SPS does not ship and the plugin does not carry (bundle it in the plugin); '
                    'besides the standard library SPS provides %s' % (name, ', '.join(sorted(APPLIANCE_PACKAGES, key=str.lower)))))
    return found


def _parse(text, path, target):
    """With a target: parsed under its grammar, or SyntaxError. Without: this interpreter's tree, or None."""
    if target is not None:
        if sys.version_info >= (3, 8):
            ast.parse(text, path, feature_version=target)
        return None
    try:
        return ast.parse(text, path)
    except (SyntaxError, ValueError, TypeError):
        return None


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split('.')[0]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.lineno, node.module.split('.')[0]


def _warning(file, line, message):
    finding = {'file': file, 'message': message, 'severity': 'warning'}
    if line:
        finding['line'] = line
    return finding
