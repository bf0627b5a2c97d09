/** Machine-readable results, for scripts and dashboards. */
import type { CaseResult, Reporter, RunSummary } from './types.js';

export const jsonReporter: Reporter = {
  render(cases: CaseResult[], summary: RunSummary): string {
    return `${JSON.stringify({ summary, cases }, null, 2)}\n`;
  },
};
