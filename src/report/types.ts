/** What every reporter receives: one case per scenario or recording, in a stable order. */

export interface CaseProblem {
  message: string;
  /** Field path the problem is about (`expect.verdict`, `steps[3].result.verdict`). */
  field?: string;
  /** Source line of that field, for annotations. */
  line?: number;
  expected?: unknown;
  actual?: unknown;
}

export type CaseStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface CaseResult {
  /** The file the case comes from, as the user named it. */
  file: string;
  /** The line the case starts on. */
  line: number;
  name: string;
  status: CaseStatus;
  durationMs: number;
  problems: CaseProblem[];
  /** What the plugin printed, shown under a failure. */
  logs: string[];
  /** Worth saying, not a failure: shown under the case whatever its status. */
  warnings?: string[];
  /** A command that accepts the new behaviour, where there is one. */
  acceptCommand?: string;
  /** What to do instead, where no command accepts the change (`change expect: in …`). */
  advice?: string;
  /** The exit code this case alone calls for when it is not a plain failure (bad input, plugin not started). */
  exitCode?: number;
}

/** The run's exit code: bad input first, then a plugin that could not start, a recording problem, a failure. */
export function exitCodeOf(cases: CaseResult[]): number {
  for (const code of [2, 4, 3]) if (cases.some((c) => c.exitCode === code)) return code;
  return cases.some((c) => c.status === 'failed' || c.status === 'error') ? 1 : 0;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  /** Lines for the end of the report (obsolete recordings, written files). */
  notes: string[];
}

export function summarize(cases: CaseResult[], durationMs: number, notes: string[] = []): RunSummary {
  const count = (...statuses: string[]): number => cases.filter((c) => statuses.includes(c.status)).length;
  return { passed: count('passed'), failed: count('failed', 'error'), skipped: count('skipped'), durationMs, notes };
}

/** A reporter turns the finished run into the text of one file (or of stdout). */
export interface Reporter {
  render(cases: CaseResult[], summary: RunSummary): string;
}
