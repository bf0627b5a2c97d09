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
      for (const w of c.warnings ?? []) out.push(annotation('warning', c.file, c.line, c.name, w));
      if (c.status !== 'failed' && c.status !== 'error') continue;
      for (const p of c.problems) out.push(annotation('error', c.file, p.line ?? c.line, c.name, problemLine(p)));
    }
    return out.length ? `${out.join('\n')}\n` : '';
  },
};

function annotation(level: 'error' | 'warning', file: string, line: number | undefined, title: string | undefined, text: string): string {
  const properties = [`file=${escapeProperty(file)}`, ...(line ? [`line=${line}`] : []), ...(title !== undefined ? [`title=${escapeProperty(title)}`] : [])];
  return `::${level} ${properties.join(',')}::${escapeData(text)}`;
}

/** An input file sps-tui could not read at all: an annotation on each problem's line. */
export function inputFileAnnotations(error: InputFileError): string {
  return error.all.map((e) => `${annotation('error', e.file, e.line, undefined, problemLine({ message: e.problem, ...(e.field ? { field: e.field } : {}) }))}\n`).join('');
}
