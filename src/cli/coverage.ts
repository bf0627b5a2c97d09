/** --coverage for test and replay: the plan before the run, the report and thresholds after it. */
import { ExitCode } from '../errors.js';
import { coveragePlanFrom, type CoverageFlags, type CoveragePlan } from '../coverage/plan.js';
import { coverageTable, reportCoverage } from '../coverage/report.js';
import type { HostOptions } from '../runner/host-options.js';

export type { CoverageFlags } from '../coverage/plan.js';

/** The host options that measure every call, or none without --coverage. */
export function coverageOptions(flags: CoverageFlags): { plan?: CoveragePlan; options: Pick<HostOptions, 'instruments' | 'measured'> } {
  const plan = coveragePlanFrom(flags);
  return plan ? { plan, options: { instruments: { coverageDataDir: plan.dataDir }, measured: plan.plugins } } : { options: {} };
}

/** Prints the table, the files written and what misses a threshold; the exit code the thresholds ask for. */
export async function finishCoverage(plan: CoveragePlan | undefined, python: string, text: (s: string) => void): Promise<number> {
  if (!plan) return ExitCode.ok;
  const outcome = await reportCoverage(plan, python);
  if (outcome.summary.files.length === 0) {
    text('\ncoverage: no hook call ran any of the plugin\'s code\n');
  } else {
    text(`\n${coverageTable(outcome.summary)}\n`);
  }
  for (const file of outcome.written) text(`coverage report: ${file}\n`);
  for (const shortfall of outcome.shortfalls) text(`${shortfall}\n`);
  return outcome.shortfalls.length ? ExitCode.failed : ExitCode.ok;
}
