/** The human report: a line per case as it finishes, details under failures, and the count. */
import chalk from 'chalk';
import type { CaseResult, RunSummary } from './types.js';
import { problemLine } from './values.js';

const MAX_LOG_LINES = 20;

export function caseLine(c: CaseResult): string {
  const mark = c.status === 'passed' ? chalk.green('✓') : c.status === 'skipped' ? chalk.yellow('-') : chalk.red('✗');
  return `${mark} ${c.file} › ${c.name} ${chalk.dim(`(${Math.round(c.durationMs)} ms)`)}`;
}

export function caseDetails(c: CaseResult): string[] {
  const warnings = (c.warnings ?? []).map((w) => `    ${chalk.yellow('warning:')} ${w}`);
  if (c.status === 'passed' || c.status === 'skipped') return warnings;
  const lines = [...warnings, ...c.problems.map((p) => `    ${chalk.red('•')} ${problemLine(p).replace(/\n/g, '\n      ')}${p.line ? chalk.dim(`  (${c.file}:${p.line})`) : ''}`)];
  if (c.logs.length > 0) {
    lines.push(chalk.dim('    plugin output:'));
    const shown = c.logs.slice(-MAX_LOG_LINES);
    if (shown.length < c.logs.length) lines.push(chalk.dim(`      … ${c.logs.length - shown.length} earlier lines`));
    lines.push(...shown.map((l) => chalk.dim(`      ${l}`)));
  }
  if (c.acceptCommand) lines.push(`    to accept this change: ${chalk.cyan(c.acceptCommand)}`);
  else if (c.advice) lines.push(`    ${c.advice}`);
  return lines;
}

/** The closing line CI parses: `N passed, N failed` alone on its line. */
export function summaryLine(summary: RunSummary): string {
  return `${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`;
}
