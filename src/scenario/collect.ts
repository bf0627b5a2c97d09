/** Expands the paths, directories and globs a user names into a sorted list of YAML files. */
import { statSync } from 'node:fs';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError } from '../errors.js';

const YAML = '**/*.{yaml,yml}';

export async function collectYamlFiles(specs: string[], what: string): Promise<string[]> {
  const files = new Set<string>();
  for (const spec of specs) {
    let found: string[];
    if (isDynamicPattern(spec)) {
      found = await glob(spec, { onlyFiles: true, expandDirectories: false });
    } else {
      const stat = statSync(spec, { throwIfNoEntry: false });
      if (!stat) throw new UserError(`${spec}: no such file or directory`);
      found = stat.isDirectory() ? (await glob(YAML, { cwd: spec, onlyFiles: true })).map((f) => `${spec.replace(/\/+$/, '')}/${f}`) : [spec];
    }
    if (found.length === 0 && !isDynamicPattern(spec)) continue;
    if (found.length === 0) throw new UserError(`${spec}: matches no ${what}`);
    for (const file of found) files.add(file);
  }
  return [...files].sort();
}
