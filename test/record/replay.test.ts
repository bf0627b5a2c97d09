/** Record a conversation, change the plugin, replay: what CI sees. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

const SCENARIOS = `name: otp accepted
plugin: otp-aa
connection: {gateway_user: alice, server_username: root}
answers: {otp: "123456"}
expect: {verdict: ACCEPT}
---
name: with a credential store
plugin: otp-aa
credential_store: {plugin: static-cs}
connection: {gateway_user: alice, server_username: root, gateway_password: gw-Secret-1}
answers: {otp: "123456"}
target: {passwords: [s3cret]}
expect: {verdict: ACCEPT}
`;

let project: TempProject;
const files = (dir: string): string[] =>
  (readdirSync(join(project.dir, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f)).sort();

async function record(): Promise<string[]> {
  const result = await cli(['test', 'scenarios.yaml', '--record', 'rec', '--recordings', 'snapshots'], { cwd: project.dir });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return files('rec');
}

beforeEach(() => {
  project = new TempProject();
  project.plugin('otp-aa');
  project.plugin('static-cs');
  project.write('scenarios.yaml', SCENARIOS);
});

describe('record and replay', () => {
  it('replays an unchanged plugin with exit 0, and keeps secrets out of the files', async () => {
    const recorded = await record();
    expect(recorded).toHaveLength(2);
    for (const file of recorded) {
      const text = project.read(file);
      expect(text).not.toContain('123456');
      expect(text).not.toContain('s3cret');
      expect(text).not.toContain('gw-Secret-1');
      expect(text).toMatch(/^format: 2\n/);
    }
    expect(project.read(recorded[1]!)).toContain('sha256:');
    const replay = await cli(['replay', 'rec'], { cwd: project.dir });
    expect(replay.stdout.trim().split('\n').at(-1)).toBe('2 passed, 0 failed');
    expect(replay.code).toBe(0);
  });

  it('a re-recording of unchanged behaviour is byte for byte the same', async () => {
    const [first] = await record();
    const before = project.read(first!);
    const again = await cli(['test', 'scenarios.yaml', '--record', 'rec', '--force', '--recordings', 'snapshots'], { cwd: project.dir });
    expect(again.code).toBe(0);
    expect(project.read(first!)).toBe(before);
  });

  it('refuses to overwrite a recording without --force', async () => {
    await record();
    const again = await cli(['test', 'scenarios.yaml', '--record', 'rec', '--recordings', 'snapshots'], { cwd: project.dir });
    expect(again.code).not.toBe(0);
    expect(again.stdout + again.stderr).toContain('--force');
  });

  it.each([
    ['a verdict', 'authorize', /return \{"verdict": "ACCEPT"\}/, 'return {"verdict": "DENY", "reason": "changed"}', 'result.verdict'],
    ['an echo flag', 'question', '("otp", self.prompt, True)', '("otp", self.prompt, False)', 'question.echo'],
    ['a cookie', 'cookie', '"cookie": {"tries": tries + 1, "user": user}', '"cookie": {"tries": tries + 1, "user": user.upper()}', 'result.cookie.user'],
  ])('changing %s fails the replay with a diff naming step, field, expected and actual', async (_what, _where, from, to, field) => {
    await record();
    project.edit('otp-aa/main.py', from, to);
    const replay = await cli(['replay', 'rec'], { cwd: project.dir });
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(new RegExp(`steps\\[\\d+\\]\\.${field.replace('.', '\\.')}: step \\d+`));
    expect(replay.stdout).toContain('expected');
    expect(replay.stdout).toContain('sps-tui replay');
    expect(replay.stdout).toContain('--update');
  });

  it('--update rewrites only the recordings that differ', async () => {
    const [plain, withStore] = await record();
    const before = statSync(join(project.dir, plain!)).mtimeMs;
    // Only the second recording runs the credential store.
    project.edit('static-cs/main.py', 'print("checking in the password of {}"', 'print("checked in the password of {}"');
    const failing = await cli(['replay', 'rec'], { cwd: project.dir });
    expect(failing.code).toBe(1);
    const update = await cli(['replay', 'rec', '--update'], { cwd: project.dir });
    expect(update.code).toBe(0);
    expect(update.stdout).toContain(`updated ${withStore}`);
    expect(update.stdout).not.toContain(`updated ${plain}`);
    expect(statSync(join(project.dir, plain!)).mtimeMs).toBe(before);
    expect(project.read(withStore!)).toContain('checked in the password of root');
    expect((await cli(['replay', 'rec'], { cwd: project.dir })).code).toBe(0);
  });

  it('parallel and sharded replays give the same results as a serial one', async () => {
    await record();
    const lines = (out: string): string[] => out.split('\n').filter((l) => /^[✓✗]/.test(l)).map((l) => l.replace(/\(\d+ ms\)/, ''));
    const serial = await cli(['replay', 'rec'], { cwd: project.dir });
    const parallel = await cli(['replay', 'rec', '--jobs', '2'], { cwd: project.dir });
    expect(lines(parallel.stdout)).toEqual(lines(serial.stdout));
    const one = await cli(['replay', 'rec', '--shard', '1/2'], { cwd: project.dir });
    const two = await cli(['replay', 'rec', '--shard', '2/2'], { cwd: project.dir });
    expect([...lines(one.stdout), ...lines(two.stdout)].sort()).toEqual(lines(serial.stdout).sort());
  });

  it('a secret the recording needs and nobody gives is exit 2 naming it; the environment gives it', async () => {
    const run = await cli(['run', 'otp-aa', '--server-username', 'root', '--record', 'live.yaml'], { cwd: project.dir, input: '123456\n' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(project.read('live.yaml')).not.toContain('123456');
    const missing = await cli(['replay', 'live.yaml'], { cwd: project.dir });
    expect(missing.code).toBe(2);
    expect(missing.stdout + missing.stderr).toContain('SPS_TUI_SECRET_OTP');
    const given = await cli(['replay', 'live.yaml'], { cwd: project.dir, env: { SPS_TUI_SECRET_OTP: '123456' } });
    expect(given.code).toBe(0);
    project.write('secrets.yaml', 'otp: "123456"\n');
    const fromFile = await cli(['replay', 'live.yaml', '--secrets', 'secrets.yaml'], { cwd: project.dir });
    expect(fromFile.code).toBe(0);
  });

  it.each([
    ['not YAML', 'format: 1\nsteps: [oops\n', /not valid YAML.*\(bad\.yaml:\d+\)/],
    ['an unknown format', 'format: 9\nname: x\n', /format: .*format 9.*formats 1 and 2.*\(bad\.yaml:1\)/],
  ])('%s is exit 2 with the file and line', async (_what, text, message) => {
    project.write('bad.yaml', text);
    const replay = await cli(['replay', 'bad.yaml'], { cwd: project.dir });
    expect(replay.code).toBe(2);
    expect(replay.stdout + replay.stderr).toMatch(message);
  });

  it('a recording with misspelt fields lists each at its line, as annotations under GitHub Actions', async () => {
    const [first] = await record();
    const text = readFileSync(join(project.dir, first!), 'utf8');
    project.write('broken.yaml', text.replace(/^outcome:/m, 'outcom:').replace(/^ {2}credentials:/m, '  credentialz:'));
    const lineOf = (prefix: string): number => text.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
    const replay = await cli(['replay', 'broken.yaml'], { cwd: project.dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(replay.code).toBe(2);
    expect(replay.stdout).toContain(`::error file=broken.yaml,line=${lineOf('  credentials:')},title=(recording)::input.credentialz: unknown key "credentialz"`);
    expect(replay.stdout).toContain(`::error file=broken.yaml,line=${lineOf('outcome:')},title=(recording)::outcom: unknown key "outcom"`);
    expect(replay.stdout).toContain(`outcom: unknown key "outcom"  (broken.yaml:${lineOf('outcome:')})`);
  });

  it('a recording of another plugin is exit 2 naming the line', async () => {
    const [first] = await record();
    project.edit('otp-aa/MANIFEST', 'name: otp_example', 'name: renamed_plugin');
    const replay = await cli(['replay', first!], { cwd: project.dir });
    expect(replay.code).toBe(2);
    expect(replay.stdout).toMatch(/plugins\.aa: recorded with plugin otp_example.*\(rec\/scenarios\/otp-accepted\.yaml:\d+\)/);
  });

  it('a changed plugin version is a warning, not a failure', async () => {
    const [first] = await record();
    project.edit('otp-aa/MANIFEST', 'version: 1.0.0', 'version: 1.0.1');
    const replay = await cli(['replay', first!], { cwd: project.dir });
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('warning: otp_example is version 1.0.1 now');
  });
});
