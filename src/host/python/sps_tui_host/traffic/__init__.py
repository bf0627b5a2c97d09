"""The recording layers: adapters for what the plugin's process sees of the world.

`preload` runs once in the fork server (vcrpy's import is too slow for every call); `begin` and
`end` run in each child around one hook call. A call with no traffic request installs nothing.
"""

from .. import helper_paths
from . import guard, served
from .base import Divergence, Tape

_adapters = []
_problem = None
_loaded = False


def preload():
    """Makes sps-tui's helper libraries importable after the plugin's own, and loads the adapters."""
    global _problem, _loaded
    if _loaded:
        return
    _loaded = True
    helper_paths.append()
    # Without vcrpy (a replay whose recording holds no HTTP exchange) the guard alone serves: any
    # request is a divergence, and the host is spared vcrpy's import.
    if helper_paths.given('vcrpy'):
        try:
            from .http import HttpAdapter
            _adapters.append(HttpAdapter())
        except Exception as error:  # noqa: BLE001 - said on the first call that needs it
            _problem = 'HTTP recording is unavailable: %s: %s' % (type(error).__name__, error)
    guard.install()


def begin(request):
    """The tape of this call, with every adapter installed; None when the call records nothing."""
    spec = request.get('traffic')
    if not spec or spec.get('mode') not in ('record', 'replay'):
        return None
    preload()
    tape = Tape(spec['mode'], spec.get('entries') or [], spec.get('secrets') or [], spec.get('rerecord'))
    if not _adapters and _problem is None and not tape.replaying:
        tape.diverge('HTTP recording is unavailable: sps-tui started the host without vcrpy')
        return tape
    if _problem is not None:
        tape.diverge(_problem)
        return tape
    for adapter in _adapters:
        adapter.install(tape)
    guard.serve(tape)
    return tape


def end(tape, outcome):
    """The outcome with the call's traffic; a replay that diverged ends the call as kind `replay`."""
    if tape is None:
        return outcome
    if tape.failure is not None:
        outcome = {'ok': False, 'kind': 'replay', 'message': str(tape.failure), 'traceback': None}
    outcome = dict(outcome)
    written = tape.recorded
    if written and tape.mode == 'record':
        table = served.placeholders(served.find(written, outcome.get('value')))
        if table:
            written = served.replace(written, table)
            # Node replaces them in the rest of the recording too: the result, the trials, later calls.
            outcome['served'] = [list(pair) for pair in table]
    if written:
        outcome['traffic'] = written
    return outcome


__all__ = ['Divergence', 'Tape', 'preload', 'begin', 'end']
