#!/usr/bin/env pluginwrapper3
"""Example credential store plugin built on the SPS Plugin SDK.

The SDK's CredentialStorePlugin does the bookkeeping: it derives the account
(server_username, with the optional [account] prefix/suffix) and candidate
assets (server hostname, server IP, ...), calls do_get_password_list /
do_get_private_key_list once per (account, asset) until one returns
credentials, remembers account and asset in the cookie, and calls
do_check_in_credential at the moment [check-in-trigger] selects.

This plugin answers from its own configuration ([passwords], [private_keys])
and keeps a checkout id in the cookie between the fetch and the check-in, so a
test can see that the cookie survived from get_password_list to
authentication_completed. It also reads a ticket number an AA plugin of the
same session may have collected into session_cookie["questions"].
"""
from safeguard.sessions.plugin import CredentialStorePlugin
from safeguard.sessions.plugin.plugin_base import cookie_property

DEFAULTS = """
[access]
require_ticket=no
"""


class Plugin(CredentialStorePlugin):
    def __init__(self, configuration=""):
        super().__init__(configuration, defaults=DEFAULTS)

    # Values kept in self.cookie by the SDK's cookie_property helper.
    @cookie_property
    def checkout_id(self):
        return None

    @cookie_property
    def checkout_count(self):
        return 0

    @cookie_property
    def ticket(self):
        return None

    def _ticket_from_aa_plugin(self):
        answers = (self.session_cookie or {}).get("questions") or {}
        return answers.get("ticket")

    def _may_hand_out(self):
        self.ticket = self._ticket_from_aa_plugin()
        if self.ticket is None and self.plugin_configuration.getboolean("access", "require_ticket"):
            self.logger.warning("No ticket number from the AA plugin; no credentials for %s", self.account)
            return False
        return True

    def _check_out(self, what):
        # Deterministic ids, so two runs of the same session can be compared.
        self.checkout_count += 1
        self.checkout_id = "{}/{}/{}".format(self.connection.session_id, self.account, self.checkout_count)
        self.logger.info(
            "Checked out %s of %s on %s as %s (ticket %s)",
            what, self.account, self.asset, self.checkout_id, self.ticket,
        )

    def do_get_password_list(self):
        if not self._may_hand_out():
            return None
        listed = self.plugin_configuration.get("passwords", (self.account or "").lower())
        passwords = [p.strip() for p in (listed or "").split(",") if p.strip()]
        if not passwords:
            return None
        self._check_out("{} password(s)".format(len(passwords)))
        return {"passwords": passwords}

    def do_get_private_key_list(self):
        if not self._may_hand_out():
            return None
        key = self.plugin_configuration.get_key("private_keys", (self.account or "").lower())
        if key is None:
            return None
        self._check_out("a {} key".format(key["type"]))
        return {"private_keys": [(key["type"], key["key"])]}

    def do_authentication_completed(self):
        # Only SPS's session_id reaches this hook: the checkout id can only
        # come from the cookie get_password_list/get_private_key_list returned.
        if self.checkout_id is None:
            raise RuntimeError("authentication_completed without a checkout id: the cookie was lost")
        self.logger.info("Login to the target succeeded with checkout %s", self.checkout_id)

    def do_check_in_credential(self):
        self.logger.info("Checking in %s", self.checkout_id)
        self.cookie["checked_in"] = self.checkout_id

    def do_session_ended(self):
        self.logger.info(
            "Session %s ended; last checkout %s, checked in: %s",
            self.connection.session_id, self.checkout_id, self.cookie.get("checked_in"),
        )
