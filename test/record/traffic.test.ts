/**
 * Hermetic replay: plugins that call a REST service over each client library, recorded with the
 * service up, then tested and replayed with it stopped — what CI sees.
 */
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { SERVICE_SECRETS as S, selfSignedCertificate, startFakeService, type FakeService } from '../helpers/fake-service.js';
import { TempProject } from '../helpers/project.js';

const LIBRARIES = ['requests', 'urllib3', 'http.client', 'urllib.request'] as const;
const fixture = (name: string): string => join(ROOT, 'test/fixtures', name);

let project: TempProject;
let http: FakeService;
let https: FakeService;
let ca: string;

function copyPlugin(name: string): void {
  const target = join(project.dir, name);
  cpSync(fixture(`plugins/${name}`), target, { recursive: true });
  cpSync(fixture('http/lib_http.py'), join(target, 'lib_http.py'));
}

const mfaScenario = (library: string, service: FakeService, extra = ''): string => `name: mfa ${library} ${service.url.split(':')[0]}
plugin: ./http_mfa
configuration: |
  [service]
  url = ${service.url}
  library = ${library}
  ca = ${ca}
  api_key = ${S.apiKey}
${extra}connection: {gateway_user: alice, server_username: root}
answers: {otp: "${S.passcode}"}
expect: {verdict: ACCEPT}
`;

const vaultScenario = (library: string, service: FakeService): string => `name: vault ${library} ${service.url.split(':')[0]}
plugin: ./http_vault
configuration: |
  [vault]
  url = ${service.url}
  library = ${library}
  ca = ${ca}
  token = ${S.vaultToken}
connection: {server_username: root, gateway_password: ${S.gatewayPassword}}
target: {passwords: ["${S.vaultPassword}"]}
expect: {verdict: ACCEPT, credential: {kind: password, index: 0}}
`;

const allFiles = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());

/** Runs `check` with `text` edited in one file of the project, and puts the file back after. */
async function withEdit(file: string, from: string, to: string, check: () => Promise<void>): Promise<void> {
  const original = project.read(file);
  try {
    project.edit(file, from, to);
    await check();
  } finally {
    project.write(file, original);
  }
}

/** One more option in the first scenario's configuration (mfa requests http). */
const addOption = (line: string): [string, string, string] => ['scenarios.yaml', `  api_key = ${S.apiKey}\nconnection`, `  api_key = ${S.apiKey}\n  ${line}\nconnection`];

/** Runs sps-tui with the services stopped and CI set, as a CI machine would. */
const inCI = (args: string[]) => cli(args, { cwd: project.dir, env: { CI: 'true' } });

beforeAll(async () => {
  project = new TempProject();
  copyPlugin('http_mfa');
  copyPlugin('http_vault');
  const tls = selfSignedCertificate(project.dir);
  ca = tls.cert;
  [http, https] = await Promise.all([startFakeService(), startFakeService(tls)]);
  const scenarios = LIBRARIES.flatMap((library) => [mfaScenario(library, http), mfaScenario(library, https)]);
  scenarios.push(vaultScenario('requests', https), vaultScenario('urllib3', http));
  project.write('scenarios.yaml', scenarios.join('---\n'));
  const recorded = await cli(['test', 'scenarios.yaml'], { cwd: project.dir });
  expect(recorded.code, recorded.stdout + recorded.stderr).toBe(0);
  expect(recorded.stdout).toContain('10 passed, 0 failed');
  await Promise.all([http.stop(), https.stop()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([http?.stop(), https?.stop()]);
});

describe('traffic in recordings', () => {
  it('stores each exchange under the call that made it, JSON bodies as data', () => {
    const text = project.read('recordings/scenarios/mfa-requests-https.yaml');
    expect(text).toMatch(/^format: 2\n/);
    expect(text).toMatch(/ {4}traffic:\n {6}- kind: http\n {8}request:\n {10}method: POST\n {10}url: https:\/\/127\.0\.0\.1:\d+\/v1\/verify\?user=alice/);
    expect(text).toMatch(/ {10}json:\n {12}user: alice\n {12}passcode: <redacted>\n {12}factor: totp/);
    expect(text).toMatch(/ {10}json:\n {12}result: allow\n {12}session_token: <served:session_token:/);
  });

  it('play prints one line per exchange under the call that made it', async () => {
    const played = await inCI(['play', 'recordings/scenarios/mfa-urllib-request-https.yaml', '--plain']);
    expect(played.code, played.stderr).toBe(0);
    expect(played.stdout).toMatch(/← authenticate: ACCEPT\n {2}⇄ POST https:\/\/127\.0\.0\.1:\d+\/v1\/verify\?user=alice → 200 \(\d+ B\)\n/);
  });

  it('writes no secret of the session into any file', () => {
    const written = allFiles(join(project.dir, 'recordings'));
    expect(written).toHaveLength(10);
    for (const file of written) {
      const text = readFileSync(file, 'utf8');
      for (const [name, secret] of Object.entries(S)) expect(text.includes(secret), `${name} in ${file}`).toBe(false);
    }
  });

  it('tests and replays green with the services stopped, under CI', async () => {
    const tested = await inCI(['test', 'scenarios.yaml']);
    expect(tested.code, tested.stdout).toBe(0);
    expect(tested.stdout).toContain('10 passed, 0 failed');
    const replayed = await inCI(['replay', 'recordings']);
    expect(replayed.code, replayed.stdout).toBe(0);
    expect(replayed.stdout).toContain('10 passed, 0 failed');
  });

  it("serves a stand-in of the vault's password, of its shape, with no secret given", async () => {
    const text = project.read('recordings/scenarios/vault-urllib3-http.yaml');
    // The plugin's format check (16 letters and digits, then "!") passed on the stand-in: the trial was accepted.
    expect(text).toMatch(/password: <served:data\.password:(Aa9){5}A%21>/);
    const replayed = await inCI(['replay', 'recordings/scenarios/vault-urllib3-http.yaml']);
    expect(replayed.code, replayed.stdout).toBe(0);
    expect(Object.keys(process.env).filter((k) => k.startsWith('SPS_TUI_SECRET_'))).toEqual([]);
  });

  it('fails a request the recording does not hold with the closest recorded one and the fields that differ', () =>
    withEdit(...addOption('extra_query = &trace=1'), async () => {
      const tested = await inCI(['test', 'scenarios.yaml', '--filter', 'mfa requests http']);
      expect(tested.code).toBe(1);
      expect(tested.stdout).toContain('aa.authenticate did what the recording does not hold: request not in the recording: POST http://127.0.0.1:');
      expect(tested.stdout).toMatch(/closest recorded request: POST http:\/\/127\.0\.0\.1:\d+\/v1\/verify\?user=alice\n/);
      expect(tested.stdout).toContain('query: recorded {user: alice}, made {trace: 1, user: alice}');
      expect(tested.stdout).toContain('to record this call again: sps-tui test scenarios.yaml --filter "mfa requests http" -u');
    }));

  it('compares JSON bodies as data: a changed field fails, naming the body', () =>
    withEdit('http_mfa/main.py', '"factor": "totp"', '"factor": "push"', async () => {
      const replayed = await inCI(['replay', 'recordings/scenarios/mfa-urllib3-https.yaml']);
      expect(replayed.code).toBe(1);
      expect(replayed.stdout).toMatch(/body: recorded \{"factor": "totp", "passcode": "<redacted>", "user": "alice"\}, made \{"factor": "push", /);
      expect(replayed.stdout).toContain('to record this call again: sps-tui replay --update recordings/scenarios/mfa-urllib3-https.yaml');
    }));

  it.each([
    ['10.1.2.3:1812', 'tcp connect to 10.1.2.3:1812'],
    ['radius.example.com:1812', 'DNS lookup of radius.example.com'],
  ])('fails any other network use during replay with the guard message (%s)', (stray, what) =>
    withEdit(...addOption(`stray_connect = ${stray}`), async () => {
      const tested = await inCI(['test', 'scenarios.yaml', '--filter', 'mfa requests http']);
      expect(tested.code).toBe(1);
      expect(tested.stdout).toContain(`network access during replay: ${what}`);
    }));

  it('under CI, a missing vcrpy is an error naming the one command that installs it, not a download', async () => {
    const empty = join(project.dir, 'no-helpers');
    const tested = await cli(['test', 'scenarios.yaml', '--filter', 'mfa requests http'], { cwd: project.dir, env: { CI: 'true', SPS_TUI_HELPERS_DIR: empty } });
    expect(tested.code).toBe(4);
    expect(tested.stdout + tested.stderr).toContain('install it once with: sps-tui helpers install --python python3');
  });

  it('--network live lets the plugin reach the (stopped) service instead of serving it', async () => {
    const tested = await inCI(['test', 'scenarios.yaml', '--filter', 'mfa urllib.request http', '--network', 'live']);
    expect(tested.code).toBe(1);
    expect(tested.stdout).toMatch(/Connection refused|URLError/);
  });

  it('replays a format 1 recording live, with a warning that says how to re-record it', async () => {
    const file = 'recordings/scenarios/mfa-requests-http.yaml';
    const text = project.read(file);
    try {
      project.write(file, text.replace(/^format: 2/, 'format: 1').replace(/\n {4}traffic:\n(?: {6}.*\n| {8,}.*\n)*/g, '\n'));
      const replayed = await inCI(['replay', file]);
      expect(replayed.stdout).toContain(`warning: format 1: recorded before sps-tui kept traffic, so the plugin reached its real services; re-record it with them running: sps-tui replay --update ${file}`);
    } finally {
      project.write(file, text);
    }
  });
});
