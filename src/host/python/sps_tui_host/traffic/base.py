"""What every recording layer shares: the tape of one hook call, and the adapter interface.

An adapter stands between the plugin and one kind of world (HTTP, sockets, randomness, the
clock). In `record` mode it lets the call through and adds what happened to the tape; in
`replay` mode it answers from the tape and never lets the call reach the world.
"""


class Divergence(BaseException):
    """The call did something the recording does not hold.

    A BaseException, so a plugin's `except Exception` cannot swallow it; the tape keeps the
    first one anyway, and the call ends with it even if the plugin caught it with a bare except.
    """


class Tape(object):
    def __init__(self, mode, entries=(), secrets=(), rerecord=None):
        self.mode = mode
        self.entries = list(entries)
        self.secrets = [tuple(pair) for pair in secrets]
        self.rerecord = rerecord
        self.used = set()
        self.recorded = []
        self.failure = None

    @property
    def replaying(self):
        return self.mode == 'replay'

    def add(self, entry):
        self.recorded.append(entry)

    def take(self, kind, matches, describe):
        """The first unused recorded entry of `kind` that matches; a Divergence otherwise."""
        for index, entry in enumerate(self.entries):
            if index in self.used or entry.get('kind') != kind:
                continue
            if matches(entry):
                self.used.add(index)
                return entry
        candidates = [e for i, e in enumerate(self.entries) if e.get('kind') == kind and i not in self.used]
        raise self.diverge(describe(candidates))

    def diverge(self, message):
        if self.rerecord:
            message = '%s\nto record this call again: %s' % (message, self.rerecord)
        error = Divergence(message)
        if self.failure is None:
            self.failure = error
        return error


class Adapter(object):
    """One kind of world. Created (and its patches applied) once in the fork server; `install`
    points it at the tape of the call a child runs, and it is passive while no tape is set."""
    kind = None

    def install(self, tape):
        raise NotImplementedError
