/**
 * The files `sps-tui init` writes: a plugin that runs at once, scenarios for its two main paths,
 * and a CI workflow. Pure: text from the choices, nothing read or written here.
 */
import type { PluginType } from '../protocol/plugin.js';

export interface InitChoices {
  /** MANIFEST name: a letter, then letters, digits or `_`. */
  name: string;
  type: PluginType;
  sdk: boolean;
  api: string;
}

/** The Plugin SDK release the workflow installs (the one scripts/sdk-venv.sh pins). */
export const SDK_VERSION = '1.9.1';

const SHEBANG = '#!/usr/bin/env pluginwrapper3';

function manifest({ name, type, sdk, api }: InitChoices): string {
  const kind = type === 'aa' ? 'An AA plugin' : 'A credential store plugin';
  return [
    `# ${kind}${sdk ? " on One Identity's Plugin SDK" : ''}, made by sps-tui init.`,
    `name: ${name}`,
    `description: ${kind} (describe what it does)`,
    'version: 1.0.0',
    `type: ${type}`,
    `# The plugin API level it needs: SPS accepts ${api.split('.')[0]}.0 up to its own level.`,
    `api: ${api}`,
    'entry_point: main.py',
    '',
  ].join('\n');
}

const RAW_AA = `${SHEBANG}
"""An AA plugin on SPS's plugin API, without the SDK.

SPS calls authenticate first. NEEDINFO asks the user a question; SPS then calls authenticate
again with the answer in key_value_pairs[key]. authorize decides once the target is known, and
session_ended runs once at the end of every session. Every call gets a fresh
Plugin(configuration): keep what must survive between calls in the cookie you return.
"""
from configparser import ConfigParser


class Plugin:
    def __init__(self, configuration=""):
        # SPS passes the plugin's configuration as one string (INI text).
        self.config = ConfigParser()
        self.config.read_string(configuration)

    def authenticate(self, key_value_pairs, cookie, gateway_user=None, server_username=None, **kwargs):
        user = gateway_user or key_value_pairs.get("gu") or server_username
        token = key_value_pairs.get("token")
        if token is None:
            # The third element turns echo off: what the user types is not shown.
            return {"verdict": "NEEDINFO", "question": ("token", "Token for {}: ".format(user), True), "cookie": {"user": user}}
        valid = [t.strip() for t in self.config.get("tokens", "valid", fallback="").split(",") if t.strip()]
        if token in valid:
            print("token accepted for {}".format(user))
            return {"verdict": "ACCEPT", "cookie": {"user": user}}
        print("wrong token for {}".format(user))
        return {"verdict": "DENY", "reason": "wrong token"}

    def authorize(self, cookie, **kwargs):
        return {"verdict": "ACCEPT"}

    def session_ended(self, session_id, cookie):
        print("session {} of {} ended".format(session_id, cookie.get("user")))
`;

const SDK_AA = `${SHEBANG}
"""An AA plugin on One Identity's Plugin SDK (AAPlugin).

The SDK finds the user, asks for the one-time password under key "otp" (echo off, prompt from
[auth] in the configuration), keeps its own state in the cookie, and calls do_authenticate once it
has an answer. SPS ships the SDK; locally it comes from PyPI
(oneidentity-safeguard-sessions-plugin-sdk).
"""
from safeguard.sessions.plugin import AAPlugin, AAResponse


class Plugin(AAPlugin):
    def do_authenticate(self):
        valid = [t.strip() for t in self.plugin_configuration.get("tokens", "valid", default="").split(",") if t.strip()]
        if (self.mfa_password or "").strip() in valid:
            return AAResponse.accept("token accepted for {}".format(self.mfa_identity))
        return AAResponse.deny("wrong token for {}".format(self.mfa_identity), "wrong token")
`;

const RAW_CS = `${SHEBANG}
"""A credential store plugin on SPS's plugin API, without the SDK.

After the AA plugins accept, SPS asks for the target user's passwords (get_password_list) or SSH
keys (get_private_key_list) and tries them on the server in order. authentication_completed
follows a login that worked; session_ended runs once at the end of every session.
"""
from configparser import ConfigParser


class Plugin:
    def __init__(self, configuration=""):
        self.config = ConfigParser()
        self.config.read_string(configuration)

    def get_password_list(self, server_username, **kwargs):
        listed = self.config.get("passwords", server_username, fallback="")
        return {"passwords": [p.strip() for p in listed.split(",") if p.strip()]}

    def get_private_key_list(self, server_username, **kwargs):
        key = self.config.get("private_keys", server_username, fallback=None)
        return {"private_keys": [("ssh-rsa", key)] if key else []}

    def authentication_completed(self, session_id, cookie):
        print("the login to the target worked")

    def session_ended(self, session_id, cookie):
        print("session {} ended".format(session_id))
`;

const SDK_CS = `${SHEBANG}
"""A credential store plugin on One Identity's Plugin SDK (CredentialStorePlugin).

The SDK works out the account and asset, calls do_get_password_list or do_get_private_key_list,
and checks credentials back in. SPS ships the SDK; locally it comes from PyPI
(oneidentity-safeguard-sessions-plugin-sdk).
"""
from safeguard.sessions.plugin import CredentialStorePlugin


class Plugin(CredentialStorePlugin):
    def do_get_password_list(self):
        listed = self.plugin_configuration.get("passwords", (self.account or "").lower(), default="")
        return {"passwords": [p.strip() for p in listed.split(",") if p.strip()]}

    def do_get_private_key_list(self):
        key = self.plugin_configuration.get_key("private_keys", (self.account or "").lower())
        return {"private_keys": [(key["type"], key["key"])]} if key else None
`;

/** A key in the shape SPS accepts (PEM, 64-character lines) that guards nothing: test material only. */
export function fakePem(name: string): string {
  const body = Buffer.from(`fake key of ${name}, test material only. `.repeat(12)).toString('base64');
  return ['-----BEGIN RSA PRIVATE KEY-----', ...body.match(/.{1,64}/g)!, '-----END RSA PRIVATE KEY-----'].join('\n');
}

function configuration({ type, sdk }: InitChoices): string {
  if (type === 'aa') {
    // The SDK asks the question itself, from [auth].
    const auth = sdk ? '[auth]\nprompt = Token:\ndisable_echo = yes\n\n' : '';
    return `# Fake test data: the tokens this plugin accepts, comma separated.\n${auth}[tokens]\nvalid = 123456\n`;
  }
  const pem = fakePem('root').split('\n');
  return [
    '# Fake test data: credentials per target user. The key is the right shape and guards nothing.',
    '[passwords]',
    'root = not-this-one, fake-root-password',
    '',
    '[private_keys]',
    // Continuation lines are indented, as INI (and the SDK's get_key) reads a multi-line value.
    `root = ${pem[0]}`,
    ...pem.slice(1).map((line) => ` ${line}`),
    '',
  ].join('\n');
}

function scenarios({ name, type, sdk }: InitChoices): string {
  const header = `# ${name}'s scenarios: \`sps-tui test\` runs them (sps-tui's docs/scenarios.md lists every key).\n`;
  if (type === 'aa') {
    const key = sdk ? 'otp' : 'token';
    return `${header}name: the right token is accepted
plugin: ..
connection: {server_username: root}
answers: {${key}: "123456"}
expect:
  verdict: ACCEPT
  questions: [{key: ${key}, echo: false}]
---
name: a wrong token is denied
plugin: ..
connection: {server_username: root}
answers: {${key}: "000000"}
expect:
  verdict: DENY
  reason: wrong token
`;
  }
  return `${header}name: the second password logs in
plugin: ..
credentials: password
connection: {server_username: root}
target: {passwords: [fake-root-password]}
expect:
  verdict: ACCEPT
  credential: {kind: password, index: 1}
---
name: the SSH key logs in
plugin: ..
credentials: private_key
connection: {server_username: root}
expect:
  verdict: ACCEPT
  credential: {kind: private_key, index: 0}
`;
}

function workflow({ sdk }: InitChoices): string {
  const sdkSteps = sdk
    ? `      - name: The Plugin SDK, which SPS ships, from PyPI
        run: python -m venv .venv && .venv/bin/pip install oneidentity-safeguard-sessions-plugin-sdk==${SDK_VERSION}
`
    : '';
  return `# Runs the plugin's scenarios on every push: failures become annotations, JUnit goes to the artifacts.
name: sps-tui
on: [push, pull_request]
jobs:
  scenarios:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: {node-version: 20}
      - uses: actions/setup-python@v5
        with: {python-version: '3.11'}
${sdkSteps}      # sps-tui from wherever you install it: a registry, a git URL or a packed tarball (npm pack).
      - run: npm install --no-save \${{ vars.SPS_TUI_PACKAGE || 'sps-tui' }}
      - run: npx sps-tui test --reporter junit=sps-tui-results.xml --reporter github
${sdk ? '        env: {SPS_TUI_PYTHON: "${{ github.workspace }}/.venv/bin/python"}\n' : ''}      - uses: actions/upload-artifact@v4
        if: always()
        with: {name: sps-tui-results, path: sps-tui-results.xml}
`;
}

/** Every file of a new plugin project, by path relative to its folder. */
export function initFiles(choices: InitChoices): Record<string, string> {
  const main = choices.type === 'aa' ? (choices.sdk ? SDK_AA : RAW_AA) : choices.sdk ? SDK_CS : RAW_CS;
  return {
    MANIFEST: manifest(choices),
    'main.py': main,
    'default.cfg': configuration(choices),
    [`scenarios/${choices.name}.yaml`]: scenarios(choices),
    '.github/workflows/sps-tui.yml': workflow(choices),
    '.gitignore': '__pycache__/\n*.pyc\n.venv/\n*.zip\n',
  };
}
