/** The plain line mode, driven through a pipe as CI and scripts use it. */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

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
