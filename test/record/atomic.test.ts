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

/** Whether the write finished before the kill landed. */
function writeAndKill(target: string, afterMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('node', ['--input-type=module', '-e', WRITER, target, String(64 * 1024 * 1024)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (!output) setTimeout(() => child.kill('SIGKILL'), afterMs);
      output += chunk.toString();
    });
    child.on('exit', () => resolve(output.includes('done')));
  });
}

describe('atomic recording files', () => {
  it.each([0, 5, 20, 60])('killed %i ms into a 64 MB write: the old file survives whole', async (afterMs) => {
    const dir = mkdtempSync(join(tmpdir(), 'sps-tui-atomic-'));
    const target = join(dir, 'recording.yaml');
    writeFileSync(target, 'old recording\n');
    const finished = await writeAndKill(target, afterMs);
    const text = readFileSync(target, 'utf8');
    // Killed mid-write: the old file, whole. Finished: the whole new file.
    if (finished) expect(text.length === 64 * 1024 * 1024 && text.endsWith('new-')).toBe(true);
    else expect(text).toBe('old recording\n');
    // A kill at once lands before 64 MB are written: the case that matters does happen.
    if (afterMs === 0) expect(finished).toBe(false);
  });

  it('killed before the first write: no file at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sps-tui-atomic-'));
    const target = join(dir, 'recording.yaml');
    await writeAndKill(target, 0);
    expect(!existsSync(target) || readFileSync(target, 'utf8').length === 64 * 1024 * 1024).toBe(true);
  });
});
