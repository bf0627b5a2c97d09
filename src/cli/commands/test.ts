/** `sps-tui test`: every scenario headless, a line each, details under failures, `N passed, N failed`. */
import { ExitCode } from '../../errors.js';
import { exitCodeOf, summarize, type CaseResult } from '../../report/types.js';
import { caseDetails, caseLine, summaryLine } from '../../report/text.js';
import { HostPool } from '../../runner/host-pool.js';
import { runScenario, type ScenarioRun } from '../../runner/run-scenario.js';
import { collectYamlFiles } from '../../scenario/collect.js';
import { readScenarioFile, type Scenario } from '../../scenario/parse.js';
import { mapInOrder, parseJobs, selectShard } from '../parallel.js';
import { hostOptionsFrom, type HostFlags } from '../host-flags.js';
import { writeReports, type ReportFlags } from '../reports.js';

export interface TestFlags extends HostFlags, ReportFlags {
  filter?: string;
  shard?: string;
  jobs?: string;
  bail?: boolean;
}

const logText = (run: ScenarioRun): string[] =>
  run.transcript.flatMap((e) =>
    e.type === 'hook-result' || e.type === 'hook-error' ? e.logs.map((l) => `[${e.plugin} ${e.hook}${l.stream === 'stderr' ? ' stderr' : ''}] ${l.text}`) : [],
  );

export function caseFromRun(run: ScenarioRun): CaseResult {
  const { scenario } = run;
  const error = run.outcome.error;
  const problems = run.mismatches.map((m) => ({
    message: m.note ?? '',
    field: m.field,
    ...(m.note && m.field !== 'expect.verdict' ? {} : { expected: m.expected, actual: m.actual }),
    ...(scenario.lineOf(m.field.split('.')) ? { line: scenario.lineOf(m.field.split('.'))! } : {}),
  }));
  if (problems.length > 0 && error?.traceback) problems.push({ message: `the plugin raised:\n${error.traceback.trimEnd()}`, field: `${error.plugin} ${error.hook}` });
  const notStarted = problems.length > 0 && (error?.kind === 'load' || error?.kind === 'host');
  return {
    file: scenario.file,
    line: scenario.line,
    name: scenario.name,
    ...(notStarted ? { exitCode: ExitCode.pluginStart } : {}),
    status: problems.length === 0 ? 'passed' : 'failed',
    durationMs: run.durationMs,
    problems,
    logs: logText(run),
  };
}

function caseFromError(scenario: Scenario, error: unknown): CaseResult {
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

export async function testCommand(paths: string[], flags: TestFlags): Promise<number> {
  const started = performance.now();
  const files = await collectYamlFiles(paths.length ? paths : ['scenarios'], 'scenario files');
  let scenarios = files.flatMap((file) => readScenarioFile(file));
  if (flags.filter) scenarios = scenarios.filter((s) => s.name.includes(flags.filter!));
  if (flags.shard) scenarios = selectShard(scenarios, flags.shard);
  const pool = new HostPool();
  const options = { ...hostOptionsFrom(flags), pool };
  let bailed = false;
  const cases = await mapInOrder(
    scenarios,
    parseJobs(flags.jobs),
    async (scenario) => {
      if (bailed) return { file: scenario.file, line: scenario.line, name: scenario.name, status: 'skipped', durationMs: 0, problems: [], logs: [] } satisfies CaseResult;
      const result = await runScenario(scenario, options).then(caseFromRun, (error: unknown) => caseFromError(scenario, error));
      if (flags.bail && result.status !== 'passed') bailed = true;
      return result;
    },
    (result) => {
      process.stdout.write(`${caseLine(result)}\n`);
      for (const line of caseDetails(result)) process.stdout.write(`${line}\n`);
    },
  ).finally(() => pool.close());
  const summary = summarize(cases, performance.now() - started);
  await writeReports(flags, cases, summary);
  process.stdout.write(`\n${summaryLine(summary)}\n`);
  return exitCodeOf(cases);
}
