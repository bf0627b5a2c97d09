/** What a change touches: the cases that depend on a changed file, and whether warm hosts are stale. */
import { sep } from 'node:path';

/** One scenario or recording, by what it reads. Paths are absolute. */
export interface WatchCase {
  id: string;
  name: string;
  /** Scenario or recording file, plugin directories or zips, the recording compared with. */
  depends: string[];
  /** Plugin directories and zips among `depends`: a change there means warm hosts must be rebuilt. */
  plugins: string[];
  /** Files the run itself may write (recordings): their changes during a run are its own. */
  writes: string[];
}

export const touches = (changed: string, path: string): boolean => changed === path || changed.startsWith(path + sep);

export function affected(cases: WatchCase[], changed: string[]): WatchCase[] {
  return cases.filter((c) => c.depends.some((path) => changed.some((file) => touches(file, path))));
}

/** Whether any changed file belongs to a plugin: its import, its hash, its extracted zip are stale. */
export const pluginsChanged = (cases: WatchCase[], changed: string[]): boolean =>
  cases.some((c) => c.plugins.some((path) => changed.some((file) => touches(file, path))));

export const byFilter = (cases: WatchCase[], filter: string | undefined): WatchCase[] => (filter ? cases.filter((c) => c.name.includes(filter)) : cases);
