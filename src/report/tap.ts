/** TAP version 13, for harnesses that read it. */
import type { CaseResult, Reporter } from './types.js';
import { problemLine } from './values.js';

export const tapReporter: Reporter = {
  render(cases: CaseResult[]): string {
    const out = ['TAP version 13', `1..${cases.length}`];
    cases.forEach((c, i) => {
      const ok = c.status === 'passed' || c.status === 'skipped';
      out.push(`${ok ? 'ok' : 'not ok'} ${i + 1} - ${c.file} › ${c.name}${c.status === 'skipped' ? ' # SKIP' : ''}`);
      if (!ok) {
        out.push('  ---', `  file: ${JSON.stringify(c.file)}`, `  line: ${c.line}`, '  problems:');
        for (const p of c.problems) out.push(`    - ${JSON.stringify(problemLine(p))}`);
        out.push('  ...');
      }
    });
    return `${out.join('\n')}\n`;
  },
};
