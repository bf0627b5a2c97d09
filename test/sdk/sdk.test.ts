/**
 * Plugins written on the vendor's Plugin SDK (installed from PyPI by scripts/sdk-venv.sh) run
 * unchanged under sps-tui, and agree with the SDK's own tester, pluginv, where they should.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/engine/credentials.js';
import type { Json } from '../../src/protocol/json.js';
import type { TranscriptEvent } from '../../src/protocol/session.js';
import { runScenario, type ScenarioRun } from '../../src/runner/run-scenario.js';
import { parseScenarioText } from '../../src/scenario/parse.js';
import { cli, ROOT } from '../helpers/cli.js';

const MFA = join(ROOT, 'examples/sdk-mfa-aa');
const STORE = join(ROOT, 'examples/sdk-credstore');
let python = '';

beforeAll(() => {
  // The project's own script: a venv with the pinned SDK from PyPI (fast when it exists).
  python = execFileSync('bash', [join(ROOT, 'scripts/sdk-venv.sh')], { encoding: 'utf8', timeout: 280_000 }).trim().split('\n').at(-1)!;
  if (!existsSync(python)) throw new Error(`scripts/sdk-venv.sh did not make a venv: ${python}`);
}, 300_000);

async function session(yaml: string): Promise<ScenarioRun> {
  const [scenario] = parseScenarioText(join(ROOT, 'test/sdk/inline.yaml'), yaml);
  return runScenario(scenario!, { python });
}

const calls = (t: TranscriptEvent[], hook: string) => t.filter((e): e is Extract<TranscriptEvent, { type: 'hook-call' }> => e.type === 'hook-call' && e.hook === hook);
const results = (t: TranscriptEvent[], hook: string) => t.filter((e): e is Extract<TranscriptEvent, { type: 'hook-result' }> => e.type === 'hook-result' && e.hook === hook);

const AUTHENTICATE = ['cookie', 'session_cookie', 'session_id', 'protocol', 'connection_name', 'client_ip', 'client_port', 'client_hostname', 'gateway_user', 'gateway_domain', 'server_username', 'server_domain', 'key_value_pairs'];
const AUTHORIZE = [...AUTHENTICATE, 'gateway_groups', 'server_ip', 'server_port', 'server_hostname'];
const FETCH = ['cookie', 'session_cookie', 'session_id', 'protocol', 'client_ip', 'client_hostname', 'gateway_domain', 'gateway_username', 'gateway_password', 'gateway_groups', 'server_domain', 'server_username', 'server_ip', 'server_port', 'server_hostname'];

describe('SDK plugins under sps-tui', () => {
  it('asks for the OTP with echo off, accepts it, and passes every declared name, no more', async () => {
    const run = await session(`name: x\nplugin: ${MFA}\nconnection: {server_username: root}\nanswers: {otp: "123456"}\n`);
    expect(run.outcome).toMatchObject({ verdict: 'ACCEPT', authenticate: 'ACCEPT', authorize: 'ACCEPT', gateway_user: 'root', gateway_groups: [] });
    expect(run.transcript.find((e) => e.type === 'question')).toMatchObject({ key: 'otp', echo: false, prompt: 'One-time password: ' });
    for (const call of calls(run.transcript, 'authenticate')) expect(Object.keys(call.args).sort()).toEqual([...AUTHENTICATE].sort());
    expect(Object.keys(calls(run.transcript, 'authorize')[0]!.args).sort()).toEqual([...AUTHORIZE].sort());
    // The SDK's private state rode in the cookie from the first call to the second.
    const firstCookie = results(run.transcript, 'authenticate')[0]!.value as { cookie: Record<string, Json> };
    expect(firstCookie.cookie.__plugin_sdk_private).toBeDefined();
    expect(calls(run.transcript, 'authenticate')[1]!.args.cookie).toEqual(firstCookie.cookie);
  });

  it('an OTP typed into the user name skips the question', async () => {
    const run = await session(`name: x\nplugin: ${MFA}\nconnection: {username: otp=123456@root}\n`);
    expect(run.outcome.verdict).toBe('ACCEPT');
    expect(run.transcript.some((e) => e.type === 'question')).toBe(false);
  });

  it('a wrong OTP is denied with the reason the SDK gives the user', async () => {
    const run = await session(`name: x\nplugin: ${MFA}\nconnection: {server_username: root}\nanswers: {otp: "999999"}\n`);
    expect(run.outcome).toMatchObject({ verdict: 'DENY', reason: 'Wrong one-time password' });
    expect(run.outcome.additional_metadata).toContain('wrong one-time password for root');
  });

  it("carries the AA plugin's answers to the credential store in session_cookie, and the SDK's cookie state to authentication_completed", async () => {
    const run = await session(`name: x
plugin: ${MFA}
configuration_file: ${MFA}/ticket.cfg
credential_store: {plugin: ${STORE}}
connection: {username: ticket=T-9@root}
answers: {otp: "123456"}
target: {passwords: [fake-root-password]}
`);
    expect(run.outcome).toMatchObject({ verdict: 'ACCEPT', credential: { kind: 'password', index: 1 } });
    const fetch = calls(run.transcript, 'get_password_list')[0]!;
    expect(Object.keys(fetch.args).sort()).toEqual([...FETCH].sort());
    expect(fetch.args.session_cookie).toMatchObject({ questions: { ticket: 'T-9' } });
    // authentication_completed raises when the checkout id did not survive in the cookie.
    expect(results(run.transcript, 'authentication_completed')).toHaveLength(1);
    expect(calls(run.transcript, 'session_ended')).toHaveLength(2);
  });

  it('fetches the private key, which the target accepts by its fingerprint', async () => {
    const yaml = (target: string) =>
      `name: keys\nplugin: ${MFA}\ncredential_store: {plugin: ${STORE}, credentials: private_key}\nconnection: {username: otp=123456@root}\n${target}`;
    const first = await session(yaml(''));
    const keys = (results(first.transcript, 'get_private_key_list')[0]!.value as { private_keys: Array<[string, string]> }).private_keys;
    expect(keys[0]![0]).toBe('ssh-rsa');
    const accepted = await session(yaml(`target: {private_keys: ["${fingerprint(keys[0]![1])}"]}\n`));
    expect(accepted.outcome).toMatchObject({ verdict: 'ACCEPT', credential: { kind: 'private_key', index: 0, keyType: 'ssh-rsa' } });
    const refused = await session(yaml(`target: {private_keys: ["${fingerprint('another key')}"]}\n`));
    expect(refused.outcome.error).toMatchObject({ kind: 'credentials' });
  });

  it('the scenario files beside the SDK examples pass through the CLI', async () => {
    for (const file of ['examples/sdk-mfa-aa/scenarios.yaml', 'examples/sdk-credstore/scenarios.yaml']) {
      const result = await cli(['test', file, '--python', python, '--record-mode', 'none', '--recordings', 'recordings']);
      expect(result.code, result.stdout + result.stderr).toBe(0);
    }
  });
});

/** pluginv's output: each "plugin X finished with: <JSON>" verdict, in order. */
function pluginvVerdicts(stdout: string): Array<{ hook: string; value: Json }> {
  const found: Array<{ hook: string; value: Json }> = [];
  const marker = /plugin (authenticate|authorize) finished with: /g;
  for (let m = marker.exec(stdout); m; m = marker.exec(stdout)) {
    const rest = stdout.slice(m.index + m[0].length);
    // The JSON is indented with 4 spaces and ends at the first line holding only "}".
    const end = rest.indexOf('\n}') + 2;
    found.push({ hook: m[1]!, value: JSON.parse(rest.slice(0, end)) as Json });
  }
  return found;
}

/** pluginv prints verdicts without keys starting with "_" (the SDK's private state). */
function withoutPrivate(value: Json): Json {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('_')).map(([k, v]) => [k, withoutPrivate(v)]));
  return value;
}

const PLUGINV_SCENARIOS = [
  { name: 'SshWithoutGatewayAuth', connection: '{protocol: ssh, server_username: gatewayuser}' },
  { name: 'SshWithGatewayAuth', connection: '{protocol: ssh, gateway_user: gatewayuser, server_username: targetuser}' },
  { name: 'RdpWithoutGatewayAuth', connection: '{protocol: rdp, server_ip: null, server_port: null, key_value_pairs: {username: gatewayuser}}' },
  { name: 'RdpWithGatewayAuth', connection: '{protocol: rdp, gateway_user: gatewayuser, server_ip: null, server_port: null}' },
];

describe('parity with the SDK tester, pluginv run-scenario', () => {
  it.each(PLUGINV_SCENARIOS)('$name: same hooks, verdicts, questions and cookies', async ({ name, connection }) => {
    const pluginv = join(python, '..', 'pluginv');
    const ran = spawnSync(pluginv, ['run-scenario', '-n', name, '-c', 'default.cfg'], { cwd: MFA, input: '424242\n', encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    const theirs = pluginvVerdicts(ran.stdout);
    const run = await session(`name: ${name}\nplugin: ${MFA}\nconnection: ${connection}\nanswers: {otp: "424242"}\n`);
    const ours = run.transcript.flatMap((e) =>
      e.type === 'hook-result' && (e.hook === 'authenticate' || e.hook === 'authorize') ? [{ hook: e.hook, value: e.value }] : [],
    );
    // pluginv prints only the last verdict of each hook; sps-tui keeps every round of the NEEDINFO loop.
    const lastOf = (list: Array<{ hook: string; value: Json }>, hook: string) => list.filter((v) => v.hook === hook).at(-1)?.value;
    for (const hook of ['authenticate', 'authorize']) expect(withoutPrivate(lastOf(ours, hook) ?? null)).toEqual(lastOf(theirs, hook) ?? null);
    // The same question, asked once, by its prompt.
    const prompts = run.transcript.flatMap((e) => (e.type === 'question' ? [e.prompt] : []));
    expect(prompts).toEqual(['One-time password: ']);
    expect(ran.stdout).toContain(`${prompts[0]}plugin authenticate finished with:`);
    expect(ran.stdout).toContain('plugin session end finished');
    expect(calls(run.transcript, 'session_ended')).toHaveLength(1);
    // Deliberately stricter than pluginv: the echo flag is honoured, not ignored.
    expect(run.transcript.find((e) => e.type === 'question')).toMatchObject({ echo: false });
  });

  it('pluginv ignores the gateway user an ACCEPT returns; SPS, and so sps-tui, applies it to authorize', async () => {
    const run = await session(`name: x\nplugin: ${MFA}\nconnection: {protocol: ssh, server_username: gatewayuser}\nanswers: {otp: "424242"}\n`);
    expect(results(run.transcript, 'authenticate').at(-1)!.value).toMatchObject({ gateway_user: 'gatewayuser', gateway_groups: [] });
    expect(calls(run.transcript, 'authorize')[0]!.args).toMatchObject({ gateway_user: 'gatewayuser', gateway_groups: [] });
  });
});
