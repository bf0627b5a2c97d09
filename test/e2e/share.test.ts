/** Sessions you can share: a saved scenario, an asciicast. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const temp = (): string => mkdtempSync(join(tmpdir(), 'sps-tui-share-'));

describe('sessions you can share', () => {
  it('--save-scenario writes a scenario that replays green, secrets as environment references', async () => {
    const file = join(temp(), 'saved.yaml');
    const run = await cli(['run', 'scenarios/demo.yaml', '--ask-all', '--save-scenario', file], { input: '111111\n123456\n' });
    expect(run.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('111111');
    expect(text).not.toContain('123456');
    expect(text).toContain('SPS_TUI_SECRET_OTP_2');
    const replay = await cli(['test', file, '--recordings', join(temp(), 'recordings')], { env: { SPS_TUI_SECRET_OTP_1: '111111', SPS_TUI_SECRET_OTP_2: '123456' } });
    expect(replay.stdout.trim().split('\n').at(-1)).toBe('1 passed, 0 failed');
    expect(replay.code).toBe(0);
    const saved = readFileSync(file, 'utf8');
    const again = await cli(['run', 'scenarios/demo.yaml', '--save-scenario', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe(saved);
  });

  it('--cast writes asciicast v2 with a marker per hook call and no secret', async () => {
    const file = join(temp(), 'session.cast');
    const run = await cli(['run', 'scenarios/otp.yaml', '--ask-all', '--cast', file], { input: '123456\n' });
    expect(run.code).toBe(0);
    const [header, ...events] = readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(header!)).toMatchObject({ version: 2, width: expect.any(Number), height: expect.any(Number) });
    const parsed = events.map((line) => JSON.parse(line) as [number, string, string]);
    for (const [time, kind, data] of parsed) {
      expect(typeof time).toBe('number');
      expect(['o', 'm']).toContain(kind);
      expect(typeof data).toBe('string');
    }
    expect(parsed.filter(([, kind]) => kind === 'm').map(([, , label]) => label)).toEqual([
      'aa authenticate',
      'aa authenticate',
      'aa authorize',
      'aa session_ended',
    ]);
    expect(readFileSync(file, 'utf8')).not.toContain('123456');
  });
});
