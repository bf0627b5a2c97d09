/**
 * Where each report goes. One format per stream, never two: the text report is standard output's
 * unless a single machine-readable reporter without a file takes it (`--reporter json | jq`); then
 * the text report, and GitHub's workflow commands (read from either stream), go to standard error.
 */
import { UserError } from '../errors.js';
import { chooseReporters, type ReporterChoice } from '../report/index.js';
import type { CaseResult, RunSummary } from '../report/types.js';
import { writeFileAtomic } from '../record/atomic.js';

export interface ReportFlags {
  reporter?: string[];
  output?: string;
}

export interface ReportPlan {
  choices: ReporterChoice[];
  /** Where the text report is written. */
  text: (s: string) => void;
  /** The reporter standard output belongs to, if any. */
  onStdout?: string;
}

const toStdout = (s: string): void => void process.stdout.write(s);
const toStderr = (s: string): void => void process.stderr.write(s);

/** Decided before anything runs, so a clash of reporters is a usage error, not a mixed stream. */
export function planReports(flags: ReportFlags, env: NodeJS.ProcessEnv = process.env): ReportPlan {
  const choices = chooseReporters(flags.reporter ?? [], flags.output, env);
  const unfiled = choices.filter((c) => c.output === undefined && c.name !== 'github').map((c) => c.name);
  if (unfiled.length > 1) {
    throw new UserError(
      `${unfiled.join(' and ')} would share standard output`,
      `give all but one a file: --reporter ${unfiled[0]}=FILE (the text report moves to standard error when a reporter takes standard output)`,
    );
  }
  return unfiled.length ? { choices, text: toStderr, onStdout: unfiled[0]! } : { choices, text: toStdout };
}

export async function writeReports(plan: ReportPlan, cases: CaseResult[], summary: RunSummary): Promise<void> {
  for (const choice of plan.choices) {
    const text = choice.reporter.render(cases, summary);
    if (choice.output) await writeFileAtomic(choice.output, text);
    else if (choice.name === 'github' && plan.onStdout) toStderr(text);
    else toStdout(text);
  }
}
