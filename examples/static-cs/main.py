#!/usr/bin/env pluginwrapper3
"""Example credential store plugin on the raw SPS API: passwords from the configuration."""
from configparser import ConfigParser


class Plugin:
    def __init__(self, configuration=""):
        self.config = ConfigParser()
        self.config.read_string(configuration)

    def get_password_list(self, cookie, session_cookie, server_username, server_ip, gateway_username, **kwargs):
        # A missing section raises: SPS ends the session, and so does sps-tui.
        passwords = [p.strip() for p in self.config[server_username]["passwords"].split(",")]
        print("checked out {} password(s) for {}@{} (gateway user {})".format(
            len(passwords), server_username, server_ip, gateway_username))
        return {"passwords": passwords, "cookie": {"checked_out": server_username}}

    def authentication_completed(self, session_id, cookie):
        print("login to the target worked; {} stays checked out".format(cookie.get("checked_out")))

    def session_ended(self, session_id, cookie):
        print("checking in the password of {}".format(cookie.get("checked_out")))
