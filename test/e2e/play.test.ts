/** `sps-tui play` shows a recording without running the plugin or any Python. */
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('sps-tui play', () => {
  it('plays a recording with no Python anywhere', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'sps-tui-nopython-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const result = await cli(['play', 'recordings/scenarios/demo/demo-otp-a-wrong-try-then-a-checked-out-password.yaml'], {
      env: { PATH: bin, SPS_TUI_PYTHON: '/nonexistent/python3' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('? otp (echo off): One-time password:');
    expect(result.stdout).toContain('answer otp: ********');
    expect(result.stdout).toContain('│  checking in the password of root');
    expect(result.stdout).toMatch(/^= ACCEPT\n  gateway user: alice/m);
  });
});
