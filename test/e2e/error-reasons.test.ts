/**
 * A session that ends in ERROR says why in every report, as one finding: the hook, what went
 * wrong, the plugin's own line. A plugin that cannot start is a start error, not a behaviour change.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

/** A copy of the OTP example and a scenario it passes, `extra` keys added to the scenario. */
function otpProject(extra = ''): TempProject {
  const project = new TempProject();
  project.plugin('otp-aa');
  project.write('s.yaml', `name: otp accepted\nplugin: otp-aa\n${extra}connection: {server_username: root, gateway_user: alice}\nanswers: {otp: "123456"}\nexpect: {verdict: ACCEPT}\n`);
  return project;
}

const bullets = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('• '));

describe('why a session ended in ERROR', () => {
  const project = new TempProject();
  project.aaPlugin('slow', 'slow', 'sleeps', 'import time\nclass Plugin:\n    def __init__(self, configuration=""):\n        pass\n    def authenticate(self, **kwargs):\n        time.sleep(30)\n    def session_ended(self, **kwargs):\n        pass\n');
  project.plugin('static-cs');
  project.write(
    'scenarios.yaml',
    'name: a hook that times out\nplugin: slow\ntimeout: 1\nexpect: {verdict: ACCEPT}\n---\nname: a store that raises\nplugin: static-cs\nconnection: {server_username: nobody}\nexpect: {verdict: ACCEPT}\n',
  );

  it('in the text report and the JSON report', async () => {
    const result = await cli(['test', 'scenarios.yaml', '--reporter', 'json=report.json'], { cwd: project.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/expect\.verdict: ended in ERROR: aa\.authenticate did not return within 1 s and was killed: expected "ACCEPT", got "ERROR"/);
    expect(result.stdout).toContain(`expect.verdict: ended in ERROR: credentialstore.get_password_list raised KeyError: 'nobody': expected "ACCEPT", got "ERROR"`);
    expect(result.stdout).toContain('at main.py, line 13, in get_password_list');
    const report = project.read('report.json');
    expect(report).toContain('ended in ERROR: aa.authenticate did not return within 1 s');
    expect(report).toContain('ended in ERROR: credentialstore.get_password_list raised KeyError');
  });

  it('in JUnit, TAP and GitHub annotations too, and in the recording', async () => {
    const result = await cli(['test', 'scenarios.yaml', '--reporter', 'junit=junit.xml', '--reporter', 'tap=report.tap'], { cwd: project.dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(result.code).toBe(1);
    for (const text of [project.read('junit.xml'), project.read('report.tap'), result.stdout]) {
      expect(text).toContain('ended in ERROR: aa.authenticate did not return within 1 s');
      expect(text).toContain('ended in ERROR: credentialstore.get_password_list raised KeyError');
    }
    expect(result.stdout).toMatch(/^::error file=scenarios\.yaml,line=4,title=a hook that times out::expect\.verdict: ended in ERROR: aa\.authenticate did not return/m);
    const recorded = await cli(['test', 'scenarios.yaml', '--record', 'rec'], { cwd: project.dir });
    expect(recorded.code).toBe(1);
    expect(project.read('rec/scenarios/a-hook-that-times-out.yaml')).toContain('message: authenticate did not return within 1 s and was killed');
  });
});

describe('an exception where there was none is one finding', () => {
  const project = otpProject();

  it('in test and in replay: the hook, the exception and the line of main.py, with no --update hint', async () => {
    expect((await cli(['test', 's.yaml'], { cwd: project.dir })).code).toBe(0);
    const recording = project.read('recordings/s/otp-accepted.yaml');
    project.edit('otp-aa/main.py', 'cookie.get("user"), server_username', 'cookie["nope"], server_username');

    const tested = await cli(['test', 's.yaml'], { cwd: project.dir });
    expect(tested.code).toBe(1);
    expect(bullets(tested.stdout)).toEqual([`• expect.verdict: ended in ERROR: aa.authorize raised KeyError: 'nope': expected "ACCEPT", got "ERROR"`]);
    expect(tested.stdout).toContain('at main.py, line 37, in authorize');
    expect(tested.stdout).not.toContain('-u');

    const replayed = await cli(['replay', 'recordings'], { cwd: project.dir });
    expect(replayed.code).toBe(1);
    expect(bullets(replayed.stdout)).toEqual([`• steps[4]: aa.authorize raised KeyError: 'nope'`]);
    expect(replayed.stdout).toMatch(/at main\.py, line 37, in authorize\n\s+print\("authorizing/);
    expect(replayed.stdout).not.toContain('--update');
    // The failed call's arguments are those the hook takes, so they are no finding of their own.
    expect(replayed.stdout).not.toContain('args');
    expect(project.read('recordings/s/otp-accepted.yaml')).toBe(recording);
  });

  it('a scenario whose expect: fails is told to edit expect:, not to re-record', async () => {
    const other = otpProject();
    expect((await cli(['test', 's.yaml'], { cwd: other.dir })).code).toBe(0);
    other.edit('otp-aa/main.py', 'return {"verdict": "ACCEPT"}', 'return {"verdict": "DENY"}');
    const result = await cli(['test', 's.yaml'], { cwd: other.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('expect.verdict: expected "ACCEPT", got "DENY"');
    expect(result.stdout).toContain('if the plugin is right, change expect: in s.yaml');
    expect(result.stdout).not.toContain('to accept this change');
  });
});

describe('a plugin that cannot start', () => {
  const project = otpProject();

  it('is exit 4, said first with the module and the interpreter, and leaves its recording alone, even with --update', async () => {
    expect((await cli(['test', 's.yaml'], { cwd: project.dir })).code).toBe(0);
    const recording = project.read('recordings/s/otp-accepted.yaml');
    project.edit('otp-aa/main.py', /^/, 'import no_such_module_here\n');
    const message = /the aa plugin could not start under python3: main\.py could not be imported: ModuleNotFoundError: No module named 'no_such_module_here'/;

    const tested = await cli(['test', 's.yaml', '--python', 'python3'], { cwd: project.dir });
    expect(tested.code).toBe(4);
    expect(bullets(tested.stdout)[0]).toMatch(message);
    expect(bullets(tested.stdout)).toHaveLength(1);
    expect(tested.stdout).toContain('no_such_module_here is not installed for python3');

    for (const args of [['replay', 'recordings'], ['replay', 'recordings', '--update']]) {
      const replayed = await cli([...args, '--python', 'python3'], { cwd: project.dir });
      expect(replayed.code).toBe(4);
      expect(bullets(replayed.stdout)).toHaveLength(1);
      expect(bullets(replayed.stdout)[0]).toMatch(message);
      expect(replayed.stdout).not.toContain('--update');
      expect(project.read('recordings/s/otp-accepted.yaml')).toBe(recording);
    }
  });

  it('under the interpreter its scenario names, which its recording remembers', async () => {
    const other = otpProject('python: venv/bin/python\n');
    mkdirSync(join(other.dir, 'venv/bin'), { recursive: true });
    // Not there yet: that scenario cannot start, and says which interpreter it looked for.
    const missing = await cli(['test', 's.yaml'], { cwd: other.dir });
    expect(missing.code).toBe(4);
    expect(missing.stdout).toContain(`python interpreter not found: ${join(other.dir, 'venv/bin/python')}`);

    symlinkSync(execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim(), join(other.dir, 'venv/bin/python'));
    expect((await cli(['test', 's.yaml'], { cwd: other.dir })).code).toBe(0);
    expect(other.read('recordings/s/otp-accepted.yaml')).toContain('\npython: ../../venv/bin/python\n');
    // Replay runs under the recording's interpreter even where the default has no such name.
    const replayed = await cli(['replay', 'recordings'], { cwd: other.dir, env: { SPS_TUI_PYTHON: '/no/such/python3' } });
    expect(replayed.stdout).toContain('1 passed, 0 failed');
  });
});
