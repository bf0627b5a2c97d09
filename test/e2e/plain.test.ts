/** The plain line mode, driven through a pipe as CI and scripts use it. */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

describe('sps-tui run through a pipe', () => {
  it('reads answers line by line and never echoes an echo-off answer', async () => {
    const result = await cli(['run', 'scenarios/otp.yaml', '--ask-all'], { input: '987654\n123456\n' });
    expect(result.stdout).toContain('? One-time password:');
    expect(result.stdout).toContain('answer otp: ********');
    expect(result.stdout).not.toContain('987654');
    expect(result.stdout).not.toContain('123456');
    expect(result.stdout).toContain('= ACCEPT');
    expect(result.code).toBe(0);
  });

  it('uses the scenario answers unless told to ask, and shows echo-on answers', async () => {
    const result = await cli(['run', 'scenarios/ticket.yaml']);
    expect(result.stdout).toContain('answer ticket: T-100');
    expect(result.code).toBe(0);
  });

  it('demo exits by its scenario: DENY expected and got is 0, run of the same scenario is 1', async () => {
    const args = ['scenarios/otp.yaml', '--name', 'wrong OTP three times'];
    const demo = await cli(['demo', ...args, '--speed', '0']);
    expect(demo.stdout).toContain('= DENY');
    expect(demo.code).toBe(0);
    expect((await cli(['run', ...args])).code).toBe(1);
    const project = new TempProject();
    project.plugin('otp-aa');
    project.write('s.yaml', 'name: expects ACCEPT, gets DENY\nplugin: otp-aa\nanswers: {otp: ["1", "2", "3"]}\nexpect: {verdict: ACCEPT}\n');
    const unexpected = await cli(['demo', 's.yaml', '--speed', '0'], { cwd: project.dir });
    expect(unexpected.stdout).toContain('= DENY');
    expect(unexpected.code).toBe(1);
  });

  it('a plugin with flags instead of a scenario', async () => {
    const result = await cli(['run', 'examples/otp-aa', '--username', 'otp=123456@root', '--gateway-user', 'carol']);
    expect(result.stdout).toContain('gateway user: carol');
    expect(result.stdout).not.toContain('? One-time password');
    expect(result.code).toBe(0);
  });

  it('ended input leaves the question unanswered: the session ends, session_ended runs, exit 1', async () => {
    const result = await cli(['run', 'examples/otp-aa'], { input: '' });
    expect(result.stdout).toContain('→ aa session_ended');
    expect(result.stdout).toContain('unanswered question otp');
    expect(result.code).toBe(1);
  });
});
