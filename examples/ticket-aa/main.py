#!/usr/bin/env pluginwrapper3
"""Example AA plugin on the raw SPS API: asks for a ticket number in authorize."""
import re
from configparser import ConfigParser


class Plugin:
    def __init__(self, configuration=""):
        config = ConfigParser()
        config.read_string(configuration)
        raw = config.get("tickets", "open", fallback="")
        self.open_tickets = {t.strip() for t in raw.split(",") if t.strip()}

    def authenticate(self, session_id, cookie, **kwargs):
        # No gateway authentication here: the ticket is asked once the target is known.
        return None

    def authorize(self, key_value_pairs, server_ip, server_username, cookie, **kwargs):
        ticket = key_value_pairs.get("ticket")
        if ticket is None:
            return {"verdict": "NEEDINFO", "question": ("ticket", "Ticket number for {}: ".format(server_ip))}
        if not re.match(r"^T-\d+$", ticket):
            return {"verdict": "DENY", "reason": "{!r} is not a ticket number".format(ticket)}
        if ticket not in self.open_tickets:
            return {"verdict": "DENY", "reason": "ticket {} is not open".format(ticket)}
        print("{} works on {} under ticket {}".format(server_username, server_ip, ticket))
        return {
            "verdict": "ACCEPT",
            "additional_metadata": ticket,
            "cookie": {"ticket": ticket},
        }

    def session_ended(self, session_id, cookie):
        print("closing ticket work {} for {}".format(cookie.get("ticket"), session_id))
