class Plugin:
    def __init__(self, configuration=""):
        self.configuration = configuration

    def authenticate(self, cookie, key_value_pairs, **kwargs):
        if "otp" not in key_value_pairs:
            return {"verdict": "NEEDINFO", "question": ("otp", "Code: ", True), "cookie": {"asked": True}}
        return {"verdict": "ACCEPT", "cookie": dict(cookie, ok=True)}

    def authorize(self, cookie, **kwargs):
        return {"verdict": "ACCEPT"}

    def session_ended(self, cookie, **kwargs):
        return None
