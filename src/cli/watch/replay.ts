/** `sps-tui replay --watch`: recordings as watch cases, replayed on warm hosts kept between runs. */
import { dirname, resolve } from 'node:path';
import { readRecording } from '../../record/file.js';
import { findRecordings, replayOptionsFrom, runRecordings, type ReplayFlags } from '../commands/replay.js';
import { hostOptionsFrom } from '../host-flags.js';
import type { WatchCase } from './cases.js';
import { watchLoop } from './loop.js';
import { refuseWithWatch } from './test.js';

/** A recording's plugins, as paths: a recording that cannot be read depends on itself only (its run says why). */
function pluginsOf(file: string): string[] {
  try {
    const { plugins } = readRecording(file).recording;
    return Object.values(plugins).map((p) => resolve(dirname(file), p!.path));
  } catch {
    return [];
  }
}

export async function watchReplays(paths: string[], flags: ReplayFlags): Promise<number> {
  refuseWithWatch(flags);
  const options = replayOptionsFrom(flags, hostOptionsFrom(flags));
  return watchLoop({
    what: 'recordings',
    roots: paths.length ? paths : ['recordings'],
    async load(): Promise<WatchCase[]> {
      return (await findRecordings(paths)).map((file) => {
        const plugins = pluginsOf(file);
        return { id: resolve(file), name: file, depends: [resolve(file), ...plugins], plugins, writes: [resolve(file)] };
      });
    },
    async run(cases, pool, update, text) {
      const notes: string[] = [];
      const results = await runRecordings(
        cases.map((c) => c.name),
        { ...flags, ...(update ? { update: true } : {}) },
        { ...options, pool, ...(update ? { rerecording: true } : {}) },
        text,
        notes,
      );
      for (const note of notes) text(`${note}\n`);
      return results;
    },
  });
}
