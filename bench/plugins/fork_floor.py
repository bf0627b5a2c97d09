"""What one fork costs this interpreter before any hook runs: the floor of fork mode's CPU per call.

Imports what the fork server imports (the host package and the plugin's main.py), then forks
children that exit at once, and children that run one small Python function first (as every real
child does: any Python code in a fresh fork copies the pages it touches).
"""
import json
import os
import resource
import sys

sys.path.insert(0, sys.argv[1])  # the host package
from sps_tui_host import child, plugin_module, server  # noqa: E402,F401

plugin_module.import_main_captured(sys.argv[2])
server._warm_up()
COUNT = int(sys.argv[3])


def cpu_ms():
    mine = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (mine.ru_utime + mine.ru_stime) * 1000, (kids.ru_utime + kids.ru_stime) * 1000


def per_fork(body):
    before = cpu_ms()
    for _ in range(COUNT):
        pid = os.fork()
        if pid == 0:
            body()
            os._exit(0)
        os.waitpid(pid, 0)
    after = cpu_ms()
    return {'parentMs': (after[0] - before[0]) / COUNT, 'childMs': (after[1] - before[1]) / COUNT}


print(json.dumps({
    'exitAtOnce': per_fork(lambda: None),
    'onePythonCall': per_fork(lambda: json.dumps({'verdict': 'ACCEPT'})),
}))
