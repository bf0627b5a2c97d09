/**
 * Scenarios keep their recordings like snapshots: `once` writes a missing one and compares an
 * existing one, `none` never writes (the default in CI, where a missing recording is a failure),
 * `all` re-records everything, and --update rewrites only those that differ.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { projectRootOf, recordingsRootOf } from '../scenario/project.js';
import { isCI } from '../ci.js';
import { ExitCode, UserError } from '../errors.js';
import { compareRecordings } from '../record/diff.js';
import { readRecording, recordingToWrite, serializeRecording, writeRecording, type LoadedRecording } from '../record/file.js';
import type { CaseProblem } from '../report/types.js';
import type { ScenarioRun } from '../runner/run-scenario.js';
import type { Scenario } from '../scenario/parse.js';
import { splitAtNewFailure } from '../report/failure.js';
import { differenceProblem } from './differences.js';

export const RECORD_MODES = ['once', 'none', 'all'] as const;
export type RecordMode = (typeof RECORD_MODES)[number];

export function recordModeFrom(flag: string | undefined, env: NodeJS.ProcessEnv): RecordMode {
  if (flag === undefined) return isCI(env) ? 'none' : 'once';
  if (!(RECORD_MODES as readonly string[]).includes(flag)) {
    throw new UserError(`unknown record mode "${flag}"`, `choose one of: ${RECORD_MODES.join(', ')} (or -u to rewrite only what differs)`);
  }
  return flag as RecordMode;
}

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'scenario';

/**
 * `<root>/<scenario file without .yaml, from its project>/<scenario name>.yaml`, unless the scenario
 * says `recording:`. The root is `--recordings` or the project's `recordings/` (see projectRootOf).
 */
export function recordingPath(scenario: Scenario, flagRoot: string | undefined): string {
  if (scenario.recording) return scenario.recording;
  const file = resolve(scenario.file);
  const rel = relative(projectRootOf(file), file);
  const stem = (rel.startsWith('..') ? basename(file) : rel).replace(/\.ya?ml$/i, '');
  return shown(join(recordingsRootOf(file, flagRoot), stem, `${slug(scenario.name)}.yaml`));
}

/** Paths under the current directory are shown relative to it, as the user would type them. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** What records one scenario's recording again (live services, new traffic). */
export function rerecordCommand(scenario: Scenario): string {
  const file = relative(process.cwd(), resolve(scenario.file)) || scenario.file;
  return `sps-tui test ${file} --filter ${JSON.stringify(scenario.name)} -u`;
}

export interface SnapshotOptions {
  mode: RecordMode;
  update: boolean;
  /** --recordings, when given; otherwise each scenario's project decides. */
  root: string | undefined;
  recordSecrets: boolean;
}

export interface SnapshotOutcome {
  problems: CaseProblem[];
  note?: string;
  exitCode?: number;
  acceptCommand?: string;
}

/** What the caller already knows of the snapshot: fields to leave out, and the file if it read it. */
export interface SnapshotKnown {
  ignore?: string[];
  loaded?: LoadedRecording;
}

export async function checkSnapshot(run: ScenarioRun, options: SnapshotOptions, known: SnapshotKnown = {}): Promise<SnapshotOutcome> {
  const path = recordingPath(run.scenario, options.root);
  const fresh = recordingToWrite(run, path, options.recordSecrets);
  if (!existsSync(path)) {
    if (options.mode === 'none') {
      return { problems: [{ message: `missing recording for ${run.scenario.name} (${path}); record it locally with sps-tui test, and commit it` }], exitCode: ExitCode.recording };
    }
    // A session that does not do what its scenario expects is no baseline to keep.
    if (run.mismatches.length > 0) return { problems: [] };
    await writeRecording(path, fresh, { force: true });
    return { problems: [], note: `wrote ${path}` };
  }
  const loaded = known.loaded ?? readRecording(path);
  const differences = compareRecordings(loaded.recording, fresh, known.ignore);
  if (options.mode === 'all' || (options.update && differences.length > 0)) {
    const keep = { ...fresh, ...(loaded.recording.ignore ? { ignore: loaded.recording.ignore } : {}) };
    if (serializeRecording(keep) !== serializeRecording(loaded.recording)) {
      await writeRecording(path, keep, { force: true });
      return { problems: [], note: `updated ${path}` };
    }
    return { problems: [] };
  }
  if (differences.length === 0) return { problems: [] };
  // What changed after a call that newly failed follows from the failure, which the case already reports.
  const { failure, before } = splitAtNewFailure(loaded.recording.steps, fresh.steps, differences);
  return {
    problems: before.map((d) => {
      // The case belongs to the scenario file: point at the scenario, name the recording's line.
      const { line, ...problem } = differenceProblem(d, loaded);
      return { ...problem, line: run.scenario.line, message: `differs from ${path}${line ? `:${line}` : ''}: ${problem.message}` };
    }),
    ...(failure ? {} : { acceptCommand: rerecordCommand(run.scenario) }),
  };
}

/** Recordings made from scenarios that no scenario of the files that ran produces any more. */
export function obsoleteRecordings(root: string, ran: Scenario[], produced: Set<string>): string[] {
  if (!existsSync(root)) return [];
  const ranFiles = new Set(ran.map((s) => resolve(s.file)));
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/i.test(f)).map((f) => join(root, f));
  return files
    .filter((file) => {
      if (produced.has(resolve(file))) return false;
      try {
        const source = readRecording(file).recording.source;
        if (!source) return false; // made with --record, not a scenario's snapshot
        const scenario = resolve(file, '..', source.scenario);
        return ranFiles.has(scenario) || !existsSync(scenario);
      } catch {
        return false;
      }
    })
    .sort();
}

export function prune(files: string[]): void {
  for (const file of files) rmSync(file, { force: true });
}
