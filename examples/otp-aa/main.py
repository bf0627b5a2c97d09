#!/usr/bin/env pluginwrapper3
"""Example AA plugin on the raw SPS API: one-time password as a second factor."""
from configparser import ConfigParser


class Plugin:
    def __init__(self, configuration=""):
        config = ConfigParser()
        config.read_string(configuration)
        self.code = config.get("otp", "code", fallback="123456")
        self.attempts = config.getint("otp", "attempts", fallback=3)
        self.prompt = config.get("otp", "prompt", fallback="One-time password:") + " "

    def authenticate(self, cookie, key_value_pairs, gateway_user=None, server_username=None, **kwargs):
        user = gateway_user or key_value_pairs.get("gu") or server_username
        tries = cookie.get("tries", 0)
        answer = key_value_pairs.get("otp")
        if answer is None:
            print("asking {} for a one-time password".format(user))
            return {"verdict": "NEEDINFO", "question": ("otp", self.prompt, True), "cookie": {"tries": tries}}
        if answer == self.code:
            print("one-time password accepted for {}".format(user))
            return {
                "verdict": "ACCEPT",
                "cookie": {"tries": tries + 1, "user": user},
                "gateway_user": user,
                "gateway_groups": ["otp-users"],
            }
        tries += 1
        print("wrong one-time password from {} ({} of {})".format(user, tries, self.attempts))
        if tries >= self.attempts:
            return {"verdict": "DENY", "reason": "too many wrong one-time passwords", "cookie": {"tries": tries}}
        question = ("otp", "Wrong code, try again: ", True)
        return {"verdict": "NEEDINFO", "question": question, "cookie": {"tries": tries}}

    def authorize(self, cookie, server_username=None, **kwargs):
        print("authorizing {} as {}".format(cookie.get("user"), server_username))
        return {"verdict": "ACCEPT"}

    def session_ended(self, session_id, cookie):
        print("session {} ended after {} attempt(s)".format(session_id, cookie.get("tries", 0)))
