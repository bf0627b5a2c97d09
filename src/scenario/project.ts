/**
 * Which project a scenario file belongs to, so its recordings are found next to it wherever
 * sps-tui is started from. The rule: the nearest folder, from the scenario's own folder upwards,
 * that holds a package.json; without one, the parent of the `scenarios/` folder the file is in,
 * or else the file's own folder.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const cache = new Map<string, string>();

export function projectRootOf(scenarioFile: string): string {
  const start = dirname(resolve(scenarioFile));
  const known = cache.get(start);
  if (known) return known;
  let root: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      root = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  // Without a package.json (a global install), the usual layout still puts recordings/ beside scenarios/.
  root ??= basename(start) === 'scenarios' ? dirname(start) : start;
  cache.set(start, root);
  return root;
}

/** Where a scenario keeps its recordings: `--recordings` when given, else `<project>/recordings`. */
export function recordingsRootOf(scenarioFile: string, flag: string | undefined): string {
  return flag !== undefined ? resolve(flag) : join(projectRootOf(scenarioFile), 'recordings');
}
