/** GitHub Actions workflow commands: each problem becomes an annotation on the scenario's YAML line. */
import type { CaseResult, Reporter } from './types.js';
import { problemLine } from './values.js';

// Workflow command values escape %, CR and LF; properties also escape : and ,.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const githubReporter: Reporter = {
  render(cases: CaseResult[]): string {
    const out: string[] = [];
    for (const c of cases) {
      if (c.status !== 'failed' && c.status !== 'error') continue;
      for (const p of c.problems) {
        const title = escapeProperty(`${c.name}`);
        out.push(`::error file=${escapeProperty(c.file)},line=${p.line ?? c.line},title=${title}::${escapeData(problemLine(p))}`);
      }
    }
    return out.length ? `${out.join('\n')}\n` : '';
  },
};
