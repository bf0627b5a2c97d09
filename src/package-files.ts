/** Files shipped with sps-tui (package.json, the bundled scenarios), found from wherever the code runs: src, dist or the bundle. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"name": "sps-tui"')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('sps-tui cannot find its own package.json');
    dir = parent;
  }
  root = dir;
  return dir;
}

export const packageFile = (...parts: string[]): string => join(packageRoot(), ...parts);

export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}

/** How recordings name the tool that wrote them. */
export const toolName = (): string => `sps-tui ${packageVersion()}`;
