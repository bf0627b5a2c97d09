#!/usr/bin/env pluginwrapper3
"""Example MFA plugin built on the SPS Plugin SDK's AAPlugin base class.

Everything around the check is the SDK's work: finding the user name
(gateway user, then ``gu=``, then the server user, then ``username=``),
asking for the one-time password under key ``otp`` when it is not already
in key_value_pairs, keeping its progress in ``cookie["__plugin_sdk_private"]``
and adding the cookies to every verdict. This plugin only supplies the check
itself, against a fake user database kept in its configuration. No network.
"""
from safeguard.sessions.plugin import AAPlugin, AAResponse

# Design-time defaults: the configuration SPS passes is read on top of these.
# They make the OTP prompt hide what the user types even when the
# configuration says nothing about [auth].
DEFAULTS = """
[auth]
prompt=One-time password:
disable_echo=yes

[mfa]
deny_message=Authentication failed
default_codes=
"""


class Plugin(AAPlugin):
    def __init__(self, configuration=""):
        super().__init__(configuration, defaults=DEFAULTS)

    def _valid_codes(self):
        """Codes accepted for the current MFA identity, from [mfa_users]."""
        config = self.plugin_configuration
        identity = (self.mfa_identity or "").lower()
        listed = config.get("mfa_users", identity) if identity else None
        if listed is None:
            listed = config.get("mfa", "default_codes", default="")
        return [code.strip() for code in listed.split(",") if code.strip()]

    def _deny(self, why):
        user_message = self.plugin_configuration.get("mfa", "deny_message")
        self.logger.warning("Denying %s: %s", self.mfa_identity, why)
        # First argument: stored in the connection database only (as JSON
        # {"reason": ...} in additional_metadata); second: shown to the user.
        return AAResponse.deny(why, user_message)

    def do_authenticate(self):
        # The SDK only calls this once it has an answer: either the user's
        # reply to the NEEDINFO question, or otp=... given in the username.
        # An empty answer means "send a push notification" in the SDK's
        # convention; this fake database has no push channel.
        code = (self.mfa_password or "").strip()
        if not code:
            return self._deny("empty one-time password; push notification is not supported")
        if code in self._valid_codes():
            return AAResponse.accept("one-time password accepted for {}".format(self.mfa_identity))
        return self._deny("wrong one-time password for {}".format(self.mfa_identity))

    def do_authorize(self):
        target = self.connection.server_ip or self.connection.server_hostname or "the target"
        return AAResponse.accept("{} may log in to {}".format(self.mfa_identity, target))

    def do_session_ended(self):
        self.logger.info("Session %s ended", self.connection.session_id)
