/** `sps-tui test --watch`: scenarios as watch cases, run on warm hosts kept between runs. */
import { resolve } from 'node:path';
import { UserError } from '../../errors.js';
import type { Scenario } from '../../scenario/parse.js';
import { readScenarios, runScenarios, type TestFlags } from '../commands/test.js';
import { hostOptionsFrom } from '../host-flags.js';
import { recordingPath } from '../snapshots.js';
import type { WatchCase } from './cases.js';
import { watchLoop } from './loop.js';

export function refuseWithWatch(flags: { coverage?: boolean; shard?: string; pdb?: boolean; debugpy?: string }): void {
  const clash = flags.coverage ? '--coverage' : flags.shard ? '--shard' : flags.pdb ? '--pdb' : flags.debugpy !== undefined ? '--debugpy' : undefined;
  if (clash) throw new UserError(`--watch and ${clash} do not go together`, 'run them one at a time');
}

export async function watchTests(paths: string[], flags: TestFlags): Promise<number> {
  refuseWithWatch(flags);
  const options = hostOptionsFrom(flags);
  let scenarios = new Map<string, Scenario>();
  const idOf = (s: Scenario): string => `${resolve(s.file)}\0${s.name}`;
  return watchLoop(
    {
      what: 'scenarios',
      roots: paths.length ? paths : ['scenarios'],
      async load(): Promise<WatchCase[]> {
        const all = await readScenarios(paths);
        scenarios = new Map(all.map((s) => [idOf(s), s]));
        return all.map((s) => {
          const plugins = [s.plugin.path, ...(s.credentialStore ? [s.credentialStore.path] : [])];
          const recording = resolve(recordingPath(s, flags.recordings));
          return { id: idOf(s), name: s.name, depends: [resolve(s.file), ...plugins, recording], plugins, writes: [recording] };
        });
      },
      async run(cases, pool, update, text) {
        const notes: string[] = [];
        const { cases: results } = await runScenarios(cases.map((c) => scenarios.get(c.id)!), { ...flags, ...(update ? { update: true } : {}) }, { ...options, pool }, text, notes);
        for (const note of notes) text(`${note}\n`);
        return results;
      },
    },
    flags.filter,
  );
}
