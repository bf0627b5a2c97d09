/** Scenarios with recordings, like snapshots, and the CI output of sps-tui test. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

const SCENARIOS = `name: otp accepted
plugin: otp-aa
connection: {server_username: root}
answers: {otp: "123456"}
expect:
  verdict: ACCEPT
---
name: with a credential store
plugin: otp-aa
credential_store: {plugin: static-cs}
connection: {server_username: root}
answers: {otp: "123456"}
expect: {verdict: ACCEPT}
`;

let project: TempProject;
const test = (args: string[], env: Record<string, string> = {}) => cli(['test', 'scenarios.yaml', ...args], { cwd: project.dir, env });
const recordings = (): string[] =>
  existsSync(join(project.dir, 'recordings')) ? (readdirSync(join(project.dir, 'recordings'), { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).sort() : [];

beforeEach(() => {
  project = new TempProject();
  project.plugin('otp-aa');
  project.plugin('static-cs');
  project.write('scenarios.yaml', SCENARIOS);
});

describe('recordings as snapshots', () => {
  it('in CI a missing recording exits 3 and writes nothing', async () => {
    const result = await test([], { CI: 'true' });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('missing recording for otp accepted');
    expect(recordings()).toEqual([]);
  });

  it('locally a missing recording is written, then compared', async () => {
    const first = await test([]);
    expect(first.code).toBe(0);
    expect(recordings()).toEqual(['scenarios/otp-accepted.yaml', 'scenarios/with-a-credential-store.yaml']);
    expect(first.stdout).toContain('wrote recordings/scenarios/otp-accepted.yaml');
    const second = await test([], { CI: 'true' });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('wrote');
  });

  it("run from another folder, a scenario's recordings are its project's; --recordings overrides", async () => {
    await test([]);
    project.edit('static-cs/main.py', 'print("checking in the password of {}"', 'print("checked in the password of {}"');
    const elsewhere = new TempProject();
    const file = join(project.dir, 'scenarios.yaml');
    const failing = await cli(['test', file], { cwd: elsewhere.dir, env: { CI: 'true' } });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(`differs from ${join(project.dir, 'recordings/scenarios/with-a-credential-store.yaml')}`);
    expect(existsSync(join(elsewhere.dir, 'recordings'))).toBe(false);
    const own = await cli(['test', file, '--recordings', 'mine'], { cwd: elsewhere.dir });
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('wrote mine/scenarios/otp-accepted.yaml');
    // A package.json above the scenario makes that folder the project, wherever scenarios.yaml sits.
    project.write('package.json', '{}');
    mkdirSync(join(project.dir, 'tests'));
    project.write('tests/scenarios.yaml', project.read('scenarios.yaml').replace(/plugin: (?=\w)/g, 'plugin: ../'));
    rmSync(file);
    const moved = await cli(['test', join(project.dir, 'tests/scenarios.yaml')], { cwd: elsewhere.dir });
    expect(moved.stdout).toContain(`wrote ${join(project.dir, 'recordings/tests/scenarios/otp-accepted.yaml')}`);
  });

  it('a changed behaviour fails with the command that accepts it; -u rewrites only what differs', async () => {
    await test([]);
    const plain = join(project.dir, 'recordings/scenarios/otp-accepted.yaml');
    const before = statSync(plain).mtimeMs;
    project.edit('static-cs/main.py', 'print("checking in the password of {}"', 'print("checked in the password of {}"');
    const failing = await test([]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('differs from recordings/scenarios/with-a-credential-store.yaml');
    expect(failing.stdout).toContain('sps-tui test scenarios.yaml --filter "with a credential store" -u');
    const update = await test(['-u']);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain('updated recordings/scenarios/with-a-credential-store.yaml');
    expect(statSync(plain).mtimeMs).toBe(before);
    expect((await test([], { CI: 'true' })).code).toBe(0);
  });

  it('--record-mode all re-records everything; an unknown mode lists the valid ones', async () => {
    await test([]);
    // A recording that no longer matches what the plugin does: all writes it again, whatever it held.
    const files = recordings();
    const first = join(project.dir, 'recordings', files[0]!);
    const before = readFileSync(first, 'utf8');
    writeFileSync(first, before.replace(/^name: .*$/m, '$& (edited by hand)'));
    const all = await test(['--record-mode', 'all']);
    expect(all.code).toBe(0);
    expect(readFileSync(first, 'utf8')).toBe(before);
    expect(all.stdout).toContain(`updated recordings/${files[0]}`);
    const unknown = await test(['--record-mode', 'sometimes']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('once, none, all');
  });

  it('reports obsolete recordings, fails on them in CI, and --prune removes them; a filtered run does not judge', async () => {
    await test([]);
    project.edit('scenarios.yaml', 'name: otp accepted', 'name: otp accepted again');
    const filtered = await test(['--filter', 'credential']);
    expect(filtered.stdout).not.toContain('obsolete');
    const local = await test([]);
    expect(local.code).toBe(0);
    expect(local.stdout).toContain('obsolete recording (no scenario produces it): recordings/scenarios/otp-accepted.yaml');
    const ci = await test([], { CI: 'true' });
    expect(ci.code).toBe(3);
    const pruned = await test(['--prune']);
    expect(pruned.stdout).toContain('pruned obsolete recording recordings/scenarios/otp-accepted.yaml');
    expect(recordings()).toEqual(['scenarios/otp-accepted-again.yaml', 'scenarios/with-a-credential-store.yaml']);
  });
});

describe('CI output', () => {
  it('GitHub annotations point at the scenario line, automatically under GitHub Actions', async () => {
    project.edit('scenarios.yaml', '  verdict: ACCEPT\n', '  verdict: DENY\n');
    const result = await test([], { GITHUB_ACTIONS: 'true' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=scenarios\.yaml,line=6,title=otp accepted::expect\.verdict: expected "DENY", got "ACCEPT"$/m);
  });

  it('a scenario file that cannot be read is annotated on each broken line, and exits 2', async () => {
    project.edit('scenarios.yaml', '  verdict: ACCEPT\n', '  verdikt: ACCEPT\n');
    const result = await test([], { GITHUB_ACTIONS: 'true' });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^::error file=scenarios\.yaml,line=6::expect\.verdikt: unknown key "verdikt"$/m);
    expect(result.stderr).toContain('scenarios.yaml:6: expect.verdikt: unknown key "verdikt"');
  });

  it('several reporters at once, each to its own file', async () => {
    await test([]);
    const result = await test(['--reporter', 'junit=out/junit.xml', '--reporter', 'json=out/report.json', '--reporter', 'tap=out/report.tap']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(project.dir, 'out/junit.xml'), 'utf8')).toContain('<testsuites name="sps-tui" tests="2" failures="0"');
    expect(JSON.parse(readFileSync(join(project.dir, 'out/report.json'), 'utf8'))).toMatchObject({ summary: { passed: 2, failed: 0 } });
    expect(readFileSync(join(project.dir, 'out/report.tap'), 'utf8')).toMatch(/^TAP version 13\n1\.\.2\nok 1 /);
  });

  it('a reporter without a file takes standard output alone; the text report and annotations go to standard error', async () => {
    await test([]);
    const junit = await test(['--reporter', 'junit'], { GITHUB_ACTIONS: 'true' });
    expect(junit.code).toBe(0);
    expect(junit.stdout).toMatch(/^<\?xml[^]*<\/testsuites>$/);
    expect(junit.stderr.trim().split('\n').at(-1)).toBe('2 passed, 0 failed');
    const json = await test(['--reporter', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ summary: { passed: 2, failed: 0 } });
    project.edit('scenarios.yaml', '  verdict: ACCEPT\n', '  verdict: DENY\n');
    const failing = await test(['--reporter', 'tap', '--recordings', 'none-here'], { GITHUB_ACTIONS: 'true' });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^TAP version 13\n1\.\.2\n/);
    expect(failing.stdout).not.toContain('::error');
    expect(failing.stderr).toMatch(/^::error file=scenarios\.yaml,line=6,/m);
  });

  it('two reporters without a file are a usage error before anything runs', async () => {
    const result = await test(['--reporter', 'junit', '--reporter', 'tap']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('sps-tui: junit and tap would share standard output');
    expect(result.stderr).toContain('--reporter junit=FILE');
  });

  it('--bail stops at the first failure', async () => {
    project.edit('scenarios.yaml', '  verdict: ACCEPT\n', '  verdict: DENY\n');
    const result = await test(['--bail', '--recordings', 'none-here']);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed, 1 skipped');
  });
});
