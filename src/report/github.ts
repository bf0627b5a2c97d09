/** GitHub Actions workflow commands: each problem becomes an annotation on the scenario's YAML line. */
import type { InputFileError } from '../errors.js';
import type { CaseResult, Reporter } from './types.js';
import { problemLine } from './values.js';

// Workflow command values escape %, CR and LF; properties also escape : and ,.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const githubReporter: Reporter = {
  render(cases: CaseResult[]): string {
    const out: string[] = [];
    for (const c of cases) {
      const title = escapeProperty(`${c.name}`);
      for (const w of c.warnings ?? []) out.push(`::warning file=${escapeProperty(c.file)},line=${c.line},title=${title}::${escapeData(w)}`);
      if (c.status !== 'failed' && c.status !== 'error') continue;
      for (const p of c.problems) {
        out.push(`::error file=${escapeProperty(c.file)},line=${p.line ?? c.line},title=${title}::${escapeData(problemLine(p))}`);
      }
    }
    return out.length ? `${out.join('\n')}\n` : '';
  },
};

/** An input file sps-tui could not read at all: an annotation on each problem's line. */
export function inputFileAnnotations(error: InputFileError): string {
  return [error, ...error.others]
    .map((e) => `::error file=${escapeProperty(e.file)}${e.line ? `,line=${e.line}` : ''}::${escapeData(e.field ? `${e.field}: ${e.problem}` : e.problem)}\n`)
    .join('');
}
