/** `sps-tui test`: every scenario headless, a line each, details under failures, `N passed, N failed`. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRedactor, secretLeaks, secretsOf, type Redactor } from '../../engine/secrets.js';
import { leftRunningWarnings } from '../../engine/left-running.js';
import { errorText, ExitCode, exitCodeOfError } from '../../errors.js';
import { HelperMissingError } from '../../host/helper-cache.js';
import { PythonNotFoundError } from '../../host/python-errors.js';
import { resolvePython } from '../../host/python-host.js';
import { failureMessage, isStartFailure, startFailureMessage } from '../../report/failure.js';
import { readRecording, recordingToWrite, writeRecording, type LoadedRecording } from '../../record/file.js';
import { secretResolver, trafficSecrets } from '../../record/replay.js';
import { holdsTraffic, recordPlan, replayPlan, targetWithStandIns, type TrafficPlan } from '../../record/traffic.js';
import { recordingsRootOf } from '../../scenario/project.js';
import { checkSnapshot, obsoleteRecordings, prune, recordingPath, recordModeFrom, rerecordCommand, shown, type SnapshotOptions } from '../snapshots.js';
import { exitCodeOf, summarize, type CaseProblem, type CaseResult } from '../../report/types.js';
import { caseDetails, caseLine, summaryLine } from '../../report/text.js';
import { HostPool } from '../../runner/host-pool.js';
import { unusedAnswers } from '../../runner/answers.js';
import { runScenario, scenarioPython, type ScenarioRun } from '../../runner/run-scenario.js';
import type { HostOptions } from '../../runner/host-options.js';
import { collectYamlFiles } from '../../scenario/collect.js';
import { scenarioWarnings } from '../../scenario/warnings.js';
import { readScenarioFile, type Scenario } from '../../scenario/parse.js';
import { mapInOrder, selectShard } from '../parallel.js';
import { servingProblems } from '../differences.js';
import { nothingToRun } from '../no-tests.js';
import { announceDebugger, hostOptionsFrom, jobsFor, withInstruments, type HostFlags } from '../host-flags.js';
import { planReports, writeReports, type ReportFlags } from '../reports.js';
import { coverageOptions, finishCoverage, type CoverageFlags } from '../coverage.js';

export interface TestFlags extends HostFlags, ReportFlags, CoverageFlags {
  filter?: string;
  shard?: string;
  jobs?: string;
  bail?: boolean;
  /** Also write every conversation into this directory. */
  record?: string;
  recordMode?: string;
  recordings?: string;
  update?: boolean;
  prune?: boolean;
  force?: boolean;
  recordSecrets?: boolean;
  passWithNoTests?: boolean;
  watch?: boolean;
}

const logText = (run: ScenarioRun, r: Redactor): string[] =>
  run.transcript.flatMap((e) =>
    e.type === 'hook-result' || e.type === 'hook-error' ? e.logs.map((l) => `[${e.plugin} ${e.hook}${l.stream === 'stderr' ? ' stderr' : ''}] ${r.text(l.text)}`) : [],
  );

export function caseFromRun(run: ScenarioRun, python: string): CaseResult {
  const { scenario } = run;
  const error = run.outcome.error;
  // Reports are printed and kept as CI artifacts: what the plugin echoes of a secret is masked there as on screen.
  const secrets = secretsOf({ connection: run.input.connection, transcript: run.transcript });
  const r = createRedactor(secrets, false);
  const asked = run.transcript.flatMap((e) => (e.type === 'question' ? [e.key] : []));
  const where = (key: string): string => `${scenario.file}:${scenario.lineOf(['answers', key]) ?? scenario.line}`;
  const warnings = [
    ...scenarioWarnings(scenario),
    ...secretLeaks(run.transcript, secrets),
    ...leftRunningWarnings(run.transcript),
    ...unusedAnswers(scenario.answers, asked, where),
  ];
  const dirs = Object.values(run.plugins).map((info) => info!.dir);
  const base = { file: scenario.file, line: scenario.line, name: scenario.name, durationMs: run.durationMs, logs: logText(run, r), ...(warnings.length ? { warnings } : {}) };
  const lineOf = (field: string): { line?: number } => {
    const line = scenario.lineOf(field.split('.'));
    return line ? { line } : {};
  };
  if (run.mismatches.length > 0 && isStartFailure(error)) {
    return { ...base, status: 'error', problems: [{ message: r.text(startFailureMessage(error!, python, dirs)) }], exitCode: ExitCode.pluginStart };
  }
  // An ERROR nobody expected is the finding: the hook, what went wrong, and where in the plugin.
  // What the scenario expected of the rest of the session follows from it and is not repeated.
  const crashed = error && run.mismatches.some((m) => m.field === 'expect.verdict' && m.actual === 'ERROR');
  const mismatches = crashed ? run.mismatches.filter((m) => m.field === 'expect.verdict' || !m.field.startsWith('expect.')) : run.mismatches;
  const problems = mismatches.map((m): CaseProblem => {
    const why = m.field === 'expect.verdict' && crashed ? `ended in ERROR: ${error.hook ? failureMessage(`${error.plugin}.${error.hook}`, error, dirs) : error.message}` : undefined;
    return {
      message: r.text(why ?? m.note ?? ''),
      field: m.field,
      ...(m.note && !why ? {} : { expected: r.deep(m.expected), actual: r.deep(m.actual) }),
      ...lineOf(m.field),
    };
  });
  return { ...base, status: problems.length === 0 ? 'passed' : 'failed', problems };
}

function caseFromError(scenario: Scenario, error: unknown, everyone: string): CaseResult {
  // No scenario can run without the interpreter they all use or the helpers: one line and its exit code.
  if ((error instanceof PythonNotFoundError && error.python === everyone) || error instanceof HelperMissingError) throw error;
  return {
    file: scenario.file,
    line: scenario.line,
    name: scenario.name,
    status: 'error',
    durationMs: 0,
    problems: [{ message: errorText(error) }],
    logs: [],
    exitCode: exitCodeOfError(error),
  };
}

interface TrafficChoice {
  plan?: TrafficPlan;
  /** The scenario as it runs: its target takes the stand-ins of credentials a service served. */
  scenario: Scenario;
  /** Left out when comparing with the recording: traffic that was live, not served. */
  ignore: string[];
  warning?: string;
  /** The snapshot, when it had to be read to decide: compared with the run without reading it again. */
  loaded?: LoadedRecording;
}

/**
 * Whether a scenario's plugin is served its snapshot's traffic (an existing format 2 recording, not
 * being re-recorded, network not live), records it (a recording will be written), or runs live.
 */
function trafficFor(scenario: Scenario, flags: TestFlags, snapshot: SnapshotOptions): TrafficChoice {
  const path = recordingPath(scenario, snapshot.root);
  const rerecording = snapshot.mode === 'all' || snapshot.update;
  const exists = existsSync(path);
  const writes = Boolean(flags.record) || rerecording || (!exists && snapshot.mode !== 'none');
  // Traffic that was not served is compared only when the snapshot is being recorded again.
  const live: TrafficChoice = { scenario, ...(writes ? { plan: recordPlan() } : {}), ignore: rerecording ? [] : ['steps[*].traffic'] };
  if (!exists || rerecording || (flags.network ?? scenario.network) === 'live') return live;
  const loaded = readRecording(path);
  const again = rerecordCommand(scenario);
  if (!holdsTraffic(loaded.recording)) {
    return { ...live, loaded, warning: `${path} is format ${loaded.recording.format}, recorded before sps-tui kept traffic: the plugin reached its real services; re-record it with them running: ${again}` };
  }
  const secrets = trafficSecrets(loaded, secretResolver(loaded, {}), scenario.connection);
  const target = targetWithStandIns(scenario.target, loaded.recording.input.target);
  return { plan: replayPlan(loaded.recording, secrets, again), scenario: { ...scenario, target }, ignore: [], loaded };
}

/** Adds what the scenario's recording says to its case: differences, a missing file, what was written. */
async function withRecordings(run: ScenarioRun, flags: TestFlags, snapshot: SnapshotOptions, notes: string[], traffic: TrafficChoice, python: string): Promise<CaseResult> {
  const result = caseFromRun(run, python);
  // A plugin that never ran is not compared with, nor written over, its recording.
  if (result.exitCode === ExitCode.pluginStart) return result;
  if (flags.record) {
    const file = recordingPath({ ...run.scenario, recording: undefined }, flags.record);
    await writeRecording(file, recordingToWrite(run, file, snapshot.recordSecrets), { force: flags.force === true });
    notes.push(`recorded ${file}`);
  }
  const checked = await checkSnapshot(run, snapshot, traffic);
  if (checked.note) notes.push(checked.note);
  if (traffic.warning) result.warnings = [...(result.warnings ?? []), traffic.warning];
  const served = run.outcome.error?.kind === 'replay' ? servingProblems(recordingToWrite(run, '', false).steps) : [];
  // The host's message ends with the command that records the call again.
  if (served.length) return { ...result, status: 'failed', problems: served };
  if (checked.problems.length === 0) return result;
  // Updating the recording makes the run pass only when the scenario's expectations hold.
  const accept = checked.acceptCommand && result.problems.length === 0 ? { acceptCommand: checked.acceptCommand } : {};
  return {
    ...result,
    status: 'failed',
    problems: [...result.problems, ...checked.problems],
    ...(checked.exitCode ? { exitCode: checked.exitCode } : {}),
    ...accept,
    ...(result.problems.length ? { advice: `if the plugin is right, change expect: in ${run.scenario.file}` } : {}),
  };
}

export const snapshotOptionsFrom = (flags: TestFlags): SnapshotOptions => ({
  mode: recordModeFrom(flags.recordMode, process.env),
  update: flags.update === true,
  root: flags.recordings,
  recordSecrets: flags.recordSecrets === true,
});

/** Every scenario of these files (or the default folder); --filter and --shard are the caller's. */
export const readScenarios = async (paths: string[]): Promise<Scenario[]> =>
  (await collectYamlFiles(paths.length ? paths : ['scenarios'], 'scenario files')).flatMap((file) => readScenarioFile(file));

/** Runs scenarios on the run's warm hosts, each case printed in order as it ends; notes collect what was written. */
export async function runScenarios(scenarios: Scenario[], flags: TestFlags, options: HostOptions, text: (s: string) => void, notes: string[]): Promise<{ cases: CaseResult[]; bailed: boolean }> {
  const snapshot = snapshotOptionsFrom(flags);
  const everyone = resolvePython(flags.python);
  let bailed = false;
  const cases = await mapInOrder(
    scenarios,
    jobsFor(flags),
    async (scenario) => {
      if (bailed) return { file: scenario.file, line: scenario.line, name: scenario.name, status: 'skipped', durationMs: 0, problems: [], logs: [] } satisfies CaseResult;
      let traffic: TrafficChoice;
      try {
        traffic = trafficFor(scenario, flags, snapshot);
      } catch (error) {
        return caseFromError(scenario, error, everyone);
      }
      const python = scenarioPython(scenario, flags.python);
      const result = await runScenario(traffic.scenario, { ...options, ...(traffic.plan ? { traffic: traffic.plan } : {}) }).then(
        (run) => withRecordings(run, flags, snapshot, notes, traffic, python),
        (error: unknown) => caseFromError(scenario, error, everyone),
      );
      if (flags.bail && result.status !== 'passed') bailed = true;
      return result;
    },
    (result) => {
      text(`${caseLine(result)}\n`);
      for (const line of caseDetails(result)) text(`${line}\n`);
    },
  );
  return { cases, bailed };
}

export async function testCommand(paths: string[], flags: TestFlags): Promise<number> {
  if (flags.watch) {
    const { watchTests } = await import('../watch/test.js');
    return watchTests(paths, flags);
  }
  const started = performance.now();
  const reports = planReports(flags);
  const { text } = reports;
  const all = await readScenarios(paths);
  let scenarios = all;
  if (flags.filter) scenarios = scenarios.filter((s) => s.name.includes(flags.filter!));
  if (flags.shard) scenarios = selectShard(scenarios, flags.shard);
  const snapshot = snapshotOptionsFrom(flags);
  if (scenarios.length === 0) {
    const narrowed = [flags.filter && `none named like "${flags.filter}"`, flags.shard && `none in shard ${flags.shard}`];
    return nothingToRun('scenarios', paths.length ? paths : ['scenarios'], all.length ? narrowed : [], flags.passWithNoTests === true, text);
  }
  const coverage = coverageOptions(flags);
  const pool = new HostPool();
  const options = withInstruments(hostOptionsFrom(flags), coverage.options, pool);
  announceDebugger(options);
  const notes: string[] = [];
  let coverageCode = 0;
  const { cases, bailed } = await runScenarios(scenarios, flags, options, text, notes)
    // Before the pool closes: an extracted zip's files must still be there for the reports.
    .then(async (ran) => ((coverageCode = await finishCoverage(coverage.plan, resolvePython(flags.python), text)), ran))
    .finally(() => pool.close());

  // Only a run of every scenario in its files can tell which recordings nobody produces any more.
  let obsoleteCode = 0;
  if (!flags.filter && !flags.shard && !bailed) {
    const produced = new Set(scenarios.map((s) => resolve(recordingPath(s, snapshot.root))));
    // Scenarios from several projects have several recordings folders; each is judged on its own.
    const roots = [...new Set(all.map((s) => recordingsRootOf(s.file, snapshot.root)))];
    const obsolete = roots.flatMap((root) => obsoleteRecordings(root, all, produced)).map(shown);
    if (obsolete.length && flags.prune) {
      prune(obsolete);
      notes.push(...obsolete.map((f) => `pruned obsolete recording ${f}`));
    } else if (obsolete.length) {
      notes.push(...obsolete.map((f) => `obsolete recording (no scenario produces it): ${f}`));
      notes.push(snapshot.mode === 'none' ? 'obsolete recordings fail a CI run: delete them with sps-tui test --prune' : 'delete them with sps-tui test --prune');
      if (snapshot.mode === 'none') obsoleteCode = ExitCode.recording;
    }
  }
  const summary = summarize(cases, performance.now() - started, notes);
  await writeReports(reports, cases, summary);
  if (notes.length) text(`\n${notes.join('\n')}\n`);
  text(`\n${summaryLine(summary)}\n`);
  const code = exitCodeOf(cases);
  return code === ExitCode.ok || code === ExitCode.failed ? Math.max(code, obsoleteCode, coverageCode) : code;
}
