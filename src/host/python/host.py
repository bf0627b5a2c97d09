# Entry point of the sps-tui plugin host, started by src/host/python-host.ts.
# Kept parseable by any Python (2.x included), so an interpreter that is too
# old says so with a distinctive exit status instead of a SyntaxError.
import sys

if sys.version_info < (3, 6):
    sys.stderr.write('sps-tui-host: python-too-old %d.%d.%d\n' % tuple(sys.version_info[:3]))
    sys.exit(3)

# Never litter the plugin's directory (or ours) with __pycache__.
sys.dont_write_bytecode = True

import os  # noqa: E402

_here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _here)
from sps_tui_host import server  # noqa: E402

# The plugin must not be able to import our modules by accident.
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or '.') != _here]
server.main(sys.argv[1:])
