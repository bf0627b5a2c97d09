/** `sps-tui test`: every scenario headless, a line each, details under failures, `N passed, N failed`. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRedactor, secretLeaks, secretsOf, type Redactor } from '../../engine/secrets.js';
import { ExitCode } from '../../errors.js';
import { HelperMissingError } from '../../host/helper-cache.js';
import { PythonNotFoundError } from '../../host/python-errors.js';
import { readRecording, recordingToWrite, writeRecording, type LoadedRecording } from '../../record/file.js';
import { secretResolver, trafficSecrets } from '../../record/replay.js';
import { holdsTraffic, recordPlan, replayPlan, targetWithStandIns, type TrafficPlan } from '../../record/traffic.js';
import { recordingsRootOf } from '../../scenario/project.js';
import { checkSnapshot, obsoleteRecordings, prune, recordingPath, recordModeFrom, rerecordCommand, shown, type SnapshotOptions } from '../snapshots.js';
import { exitCodeOf, summarize, type CaseResult } from '../../report/types.js';
import { caseDetails, caseLine, summaryLine } from '../../report/text.js';
import { HostPool } from '../../runner/host-pool.js';
import { runScenario, type ScenarioRun } from '../../runner/run-scenario.js';
import type { Mismatch } from '../../scenario/expect.js';
import { collectYamlFiles } from '../../scenario/collect.js';
import { readScenarioFile, type Scenario } from '../../scenario/parse.js';
import { mapInOrder, parseJobs, selectShard } from '../parallel.js';
import { servingProblems } from '../differences.js';
import { nothingToRun } from '../no-tests.js';
import { hostOptionsFrom, type HostFlags } from '../host-flags.js';
import { writeReports, type ReportFlags } from '../reports.js';

export interface TestFlags extends HostFlags, ReportFlags {
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
}

const logText = (run: ScenarioRun, r: Redactor): string[] =>
  run.transcript.flatMap((e) =>
    e.type === 'hook-result' || e.type === 'hook-error' ? e.logs.map((l) => `[${e.plugin} ${e.hook}${l.stream === 'stderr' ? ' stderr' : ''}] ${r.text(l.text)}`) : [],
  );

export function caseFromRun(run: ScenarioRun): CaseResult {
  const { scenario } = run;
  const error = run.outcome.error;
  // Reports are printed and kept as CI artifacts: what the plugin echoes of a secret is masked there as on screen.
  const secrets = secretsOf({ connection: run.input.connection, transcript: run.transcript });
  const r = createRedactor(secrets, false);
  const warnings = secretLeaks(run.transcript, secrets);
  // An ERROR nobody expected says why, in every report: the verdict alone tells a user nothing.
  const why = (m: Mismatch): string | undefined =>
    m.field === 'expect.verdict' && m.actual === 'ERROR' && error ? `ended in ERROR: ${error.kind}${error.hook ? ` in ${error.plugin} ${error.hook}` : ''}: ${error.message.split('\n')[0] || '(no message)'}` : undefined;
  const problems = run.mismatches.map((m) => ({
    message: r.text(m.note ?? why(m) ?? ''),
    field: m.field,
    ...(m.note && m.field !== 'expect.verdict' ? {} : { expected: r.deep(m.expected), actual: r.deep(m.actual) }),
    ...(scenario.lineOf(m.field.split('.')) ? { line: scenario.lineOf(m.field.split('.'))! } : {}),
  }));
  if (problems.length > 0 && error?.traceback) problems.push({ message: `the plugin raised:\n${r.text(error.traceback.trimEnd())}`, field: `${error.plugin} ${error.hook}` });
  const notStarted = problems.length > 0 && (error?.kind === 'load' || error?.kind === 'host');
  return {
    file: scenario.file,
    line: scenario.line,
    name: scenario.name,
    ...(notStarted ? { exitCode: ExitCode.pluginStart } : {}),
    status: problems.length === 0 ? 'passed' : 'failed',
    durationMs: run.durationMs,
    problems,
    logs: logText(run, r),
    ...(warnings.length ? { warnings } : {}),
  };
}

function caseFromError(scenario: Scenario, error: unknown): CaseResult {
  // No scenario can run without an interpreter or the helpers: one line and its exit code, not a failure per scenario.
  if (error instanceof PythonNotFoundError || error instanceof HelperMissingError) throw error;
  return {
    file: scenario.file,
    line: scenario.line,
    name: scenario.name,
    status: 'error',
    durationMs: 0,
    problems: [{ message: error instanceof Error ? error.message : String(error) }],
    logs: [],
    exitCode: typeof (error as { exitCode?: unknown }).exitCode === 'number' ? (error as { exitCode: number }).exitCode : ExitCode.pluginStart,
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
async function withRecordings(run: ScenarioRun, flags: TestFlags, snapshot: SnapshotOptions, notes: string[], traffic: TrafficChoice): Promise<CaseResult> {
  const result = caseFromRun(run);
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
  return {
    ...result,
    status: 'failed',
    problems: [...result.problems, ...checked.problems],
    ...(checked.exitCode ? { exitCode: checked.exitCode } : {}),
    ...(checked.acceptCommand ? { acceptCommand: checked.acceptCommand } : {}),
  };
}

export async function testCommand(paths: string[], flags: TestFlags): Promise<number> {
  const started = performance.now();
  const files = await collectYamlFiles(paths.length ? paths : ['scenarios'], 'scenario files');
  const all = files.flatMap((file) => readScenarioFile(file));
  let scenarios = all;
  if (flags.filter) scenarios = scenarios.filter((s) => s.name.includes(flags.filter!));
  if (flags.shard) scenarios = selectShard(scenarios, flags.shard);
  const snapshot: SnapshotOptions = {
    mode: recordModeFrom(flags.recordMode, process.env),
    update: flags.update === true,
    root: flags.recordings,
    recordSecrets: flags.recordSecrets === true,
  };
  if (scenarios.length === 0) {
    const narrowed = [flags.filter && `none named like "${flags.filter}"`, flags.shard && `none in shard ${flags.shard}`];
    return nothingToRun('scenarios', paths.length ? paths : ['scenarios'], all.length ? narrowed : [], flags.passWithNoTests === true);
  }
  const pool = new HostPool();
  const options = { ...hostOptionsFrom(flags), pool };
  const notes: string[] = [];
  let bailed = false;
  const cases = await mapInOrder(
    scenarios,
    parseJobs(flags.jobs),
    async (scenario) => {
      if (bailed) return { file: scenario.file, line: scenario.line, name: scenario.name, status: 'skipped', durationMs: 0, problems: [], logs: [] } satisfies CaseResult;
      let traffic: TrafficChoice;
      try {
        traffic = trafficFor(scenario, flags, snapshot);
      } catch (error) {
        return caseFromError(scenario, error);
      }
      const result = await runScenario(traffic.scenario, { ...options, ...(traffic.plan ? { traffic: traffic.plan } : {}) }).then(
        (run) => withRecordings(run, flags, snapshot, notes, traffic),
        (error: unknown) => caseFromError(scenario, error),
      );
      if (flags.bail && result.status !== 'passed') bailed = true;
      return result;
    },
    (result) => {
      process.stdout.write(`${caseLine(result)}\n`);
      for (const line of caseDetails(result)) process.stdout.write(`${line}\n`);
    },
  ).finally(() => pool.close());

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
  await writeReports(flags, cases, summary);
  if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);
  process.stdout.write(`\n${summaryLine(summary)}\n`);
  const code = exitCodeOf(cases);
  return code === ExitCode.ok || code === ExitCode.failed ? Math.max(code, obsoleteCode) : code;
}
