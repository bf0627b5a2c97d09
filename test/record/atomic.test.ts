/** A recording killed mid-write leaves the old file or none, never half of one. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const WRITER = `
import { writeFileAtomic } from '${ROOT}dist/record/atomic.js';
const [target, size] = process.argv.slice(1);
process.stdout.write('go\\n');
await writeFileAtomic(target, 'new-'.repeat(Number(size) / 4));
process.stdout.write('done\\n');
`;

function writeAndKill(target: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('node', ['--input-type=module', '-e', WRITER, target, String(64 * 1024 * 1024)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.on('exit', () => resolve());
  });
}

describe('atomic recording files', () => {
  it.each([0, 5, 20, 60])('killed %i ms into a 64 MB write: the old file survives whole', async (afterMs) => {
    const dir = mkdtempSync(join(tmpdir(), 'sps-tui-atomic-'));
    const target = join(dir, 'recording.yaml');
    writeFileSync(target, 'old recording\n');
    await writeAndKill(target, afterMs);
    const text = readFileSync(target, 'utf8');
    // Either the kill came first (old file) or the rename did (the whole new file).
    expect(text === 'old recording\n' || (text.length === 64 * 1024 * 1024 && text.endsWith('new-'))).toBe(true);
  });

  it('killed before the first write: no file at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sps-tui-atomic-'));
    const target = join(dir, 'recording.yaml');
    await writeAndKill(target, 0);
    expect(!existsSync(target) || readFileSync(target, 'utf8').length === 64 * 1024 * 1024).toBe(true);
  });
});
