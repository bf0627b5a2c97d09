/** Writes the machine-readable reports a run was asked for. */
import { chooseReporters } from '../report/index.js';
import type { CaseResult, RunSummary } from '../report/types.js';
import { writeFileAtomic } from '../record/atomic.js';

export interface ReportFlags {
  reporter?: string[];
  output?: string;
}

export async function writeReports(flags: ReportFlags, cases: CaseResult[], summary: RunSummary): Promise<void> {
  for (const choice of chooseReporters(flags.reporter ?? [], flags.output, process.env)) {
    const text = choice.reporter.render(cases, summary);
    if (choice.output) await writeFileAtomic(choice.output, text);
    else process.stdout.write(text);
  }
}
