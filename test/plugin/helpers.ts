/** Temporary directories and fixture paths shared by the plugin tests. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const GOOD = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const BROKEN = fileURLToPath(new URL('../fixtures/broken/', import.meta.url));

const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary directory, removed after the test. */
export async function tempDir(label = 'test'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sps-tui-${label}-`));
  created.push(dir);
  return dir;
}

/** A copy of a fixture directory, so Python's byte-code never lands in the repository. */
export async function copyFixture(fixture: string): Promise<string> {
  const dir = join(await tempDir('fixture'), 'plugin');
  await cp(fixture, dir, { recursive: true });
  return dir;
}
