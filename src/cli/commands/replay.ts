/** `sps-tui replay`: every recording run again against the plugin as it is now, and compared. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { errorText, ExitCode, exitCodeOfError, InputFileError, UserError } from '../../errors.js';
import { HelperMissingError } from '../../host/helper-cache.js';
import { PythonNotFoundError } from '../../host/python-errors.js';
import { resolvePython } from '../../host/python-host.js';
import { toolName } from '../../package-files.js';
import { readRecording, writeRecording } from '../../record/file.js';
import { replayRecording, rerecordCommand, type ReplayOptions, type ReplayResult } from '../../record/replay.js';
import type { HostOptions } from '../../runner/host-options.js';
import { failureMessage, isStartFailure, splitAtNewFailure, startFailureMessage } from '../../report/failure.js';
import { exitCodeOf, summarize, type CaseProblem, type CaseResult } from '../../report/types.js';
import { differenceProblem, servingProblems } from '../differences.js';
import { nothingToRun } from '../no-tests.js';
import { caseDetails, caseLine, summaryLine } from '../../report/text.js';
import { HostPool } from '../../runner/host-pool.js';
import { collectYamlFiles } from '../../scenario/collect.js';
import { announceDebugger, hostOptionsFrom, jobsFor, withInstruments, type HostFlags } from '../host-flags.js';
import { mapInOrder, selectShard } from '../parallel.js';
import { planReports, writeReports, type ReportFlags } from '../reports.js';
import { coverageOptions, finishCoverage, type CoverageFlags } from '../coverage.js';

export interface ReplayFlags extends HostFlags, ReportFlags, CoverageFlags {
  update?: boolean;
  ignore?: string[];
  secrets?: string;
  jobs?: string;
  shard?: string;
  passWithNoTests?: boolean;
  watch?: boolean;
}

function readSecrets(file: string | undefined): Record<string, string> {
  if (!file) return {};
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`cannot read secrets from ${file}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Object.values(data).every((v) => typeof v === 'string')) {
    throw new UserError(`${file}: secrets must be a YAML map of names to strings, e.g. "otp: '123456'"`);
  }
  return data as Record<string, string>;
}

/**
 * A string that does not keep its source alive. A value the YAML parser sliced out of a recording
 * holds on to the whole file's text; cases live until the run ends, so a run of thousands of
 * recordings would keep every file in memory for the sake of a name.
 */
const ownCopy = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/**
 * What a reader needs first: the call that left the recording; else the differences before the
 * first call that newly failed, and that failure as one finding (everything after follows from it).
 */
function problemsOfReplay({ fresh, differences, loaded }: ReplayResult): { problems: CaseProblem[]; acceptable: boolean } {
  const served = servingProblems(fresh.steps);
  if (served.length) return { problems: served, acceptable: false };
  const { failure, before } = splitAtNewFailure(loaded.recording.steps, fresh.steps, differences);
  const problems = before.map((d) => differenceProblem(d, loaded));
  if (failure) {
    const line = loaded.lineOf(['steps', failure.index]);
    problems.push({ message: failureMessage(failure.step.call, failure.step.error), field: `steps[${failure.index}]`, ...(line ? { line } : {}) });
  }
  // Re-recording a crash would make it the expected behaviour: the plugin is what needs fixing.
  return { problems, acceptable: !failure };
}

function caseOf(result: ReplayResult, updated: boolean): CaseResult {
  const { loaded, differences, warnings, fresh } = result;
  const base = { file: loaded.file, line: 1, name: ownCopy(loaded.recording.name), durationMs: result.durationMs, logs: [], ...(warnings.length ? { warnings } : {}) };
  const error = fresh.outcome.error;
  if (isStartFailure(error)) {
    return { ...base, status: 'error', problems: [{ message: startFailureMessage(error!, result.python) }], exitCode: ExitCode.pluginStart };
  }
  if (differences.length === 0 || updated) return { ...base, status: 'passed', problems: [] };
  const { problems, acceptable } = problemsOfReplay(result);
  return { ...base, status: 'failed', problems, ...(acceptable ? { acceptCommand: rerecordCommand(loaded.file) } : {}) };
}

/** Each problem of a recording that cannot be replayed; those in its YAML carry their line, for annotations. */
const problemsOf = (error: unknown): CaseResult['problems'] => {
  if (error instanceof InputFileError) {
    return error.all.map((e) => ({ ...(e.field ? { field: e.field } : {}), message: e.problem, ...(e.line ? { line: e.line } : {}) }));
  }
  return [{ message: errorText(error) }];
};

const errorCase = (file: string, error: unknown): CaseResult => ({
  file,
  line: 1,
  name: '(recording)',
  status: 'error',
  durationMs: 0,
  problems: problemsOf(error),
  logs: [],
  exitCode: exitCodeOfError(error),
});

export const findRecordings = (paths: string[]): Promise<string[]> => collectYamlFiles(paths.length ? paths : ['recordings'], 'recordings');

/** The options every replay of a run shares: the command's host options, the secrets file, the fields ignored. */
export const replayOptionsFrom = (flags: ReplayFlags, options: HostOptions): ReplayOptions => ({
  ...options,
  secrets: readSecrets(flags.secrets),
  ignore: flags.ignore ?? [],
  rerecording: flags.update === true,
});

/** Replays recordings on the run's warm hosts, each case printed in order as it ends; notes collect what was updated. */
export function runRecordings(files: string[], flags: ReplayFlags, options: ReplayOptions, text: (s: string) => void, notes: string[]): Promise<CaseResult[]> {
  const everyone = resolvePython(flags.python);
  return mapInOrder(
    files,
    jobsFor(flags),
    async (file): Promise<CaseResult> => {
      try {
        const result = await replayRecording(readRecording(file), options);
        // A plugin that could not start has no behaviour to keep: the recording stays as it is.
        const update =
          flags.update === true && !isStartFailure(result.fresh.outcome.error) && (result.differences.length > 0 || result.fresh.format !== result.loaded.recording.format);
        if (update) {
          await writeRecording(file, { ...result.fresh, tool: toolName() }, { force: true });
          notes.push(`updated ${file}`);
        }
        return caseOf(result, update);
      } catch (error) {
        // Without the interpreter everything runs under, nothing can run: one line, not a failure per file.
        if ((error instanceof PythonNotFoundError && error.python === everyone) || error instanceof HelperMissingError) throw error;
        return errorCase(file, error);
      }
    },
    (kase) => {
      text(`${caseLine(kase)}\n`);
      for (const line of caseDetails(kase)) text(`${line}\n`);
    },
  );
}

export async function replayCommand(paths: string[], flags: ReplayFlags): Promise<number> {
  if (flags.watch) {
    const { watchReplays } = await import('../watch/replay.js');
    return watchReplays(paths, flags);
  }
  const started = performance.now();
  const reports = planReports(flags);
  const { text } = reports;
  let files = await findRecordings(paths);
  if (flags.shard) files = selectShard(files, flags.shard);
  if (files.length === 0) return nothingToRun('recordings', paths.length ? paths : ['recordings'], [flags.shard && `none in shard ${flags.shard}`], flags.passWithNoTests === true, text);
  const coverage = coverageOptions(flags);
  const pool = new HostPool();
  const options = replayOptionsFrom(flags, withInstruments(hostOptionsFrom(flags), coverage.options, pool));
  announceDebugger(options);
  const notes: string[] = [];
  let coverageCode = 0;
  const cases = await runRecordings(files, flags, options, text, notes)
    // Before the pool closes: an extracted zip's files must still be there for the reports.
    .then(async (cases) => ((coverageCode = await finishCoverage(coverage.plan, resolvePython(flags.python), text)), cases))
    .finally(() => pool.close());
  const summary = summarize(cases, performance.now() - started, notes);
  await writeReports(reports, cases, summary);
  for (const note of notes.sort()) text(`${note}\n`);
  text(`\n${summaryLine(summary)}\n`);
  const code = exitCodeOf(cases);
  return code === ExitCode.ok ? Math.max(code, coverageCode) : code;
}
