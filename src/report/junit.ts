/** JUnit XML, the format most CI systems show as test results. */
import type { CaseResult, Reporter, RunSummary } from './types.js';
import { problemLine } from './values.js';

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 cannot carry most control characters, which plugin output may contain.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export const junitReporter: Reporter = {
  render(cases: CaseResult[], summary: RunSummary): string {
    const seconds = (ms: number): string => (ms / 1000).toFixed(3);
    const byFile = new Map<string, CaseResult[]>();
    for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
    const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
    out.push(`<testsuites name="sps-tui" tests="${cases.length}" failures="${summary.failed}" skipped="${summary.skipped}" time="${seconds(summary.durationMs)}">`);
    for (const [file, list] of byFile) {
      const failures = list.filter((c) => c.status === 'failed' || c.status === 'error').length;
      out.push(`  <testsuite name="${escapeXml(file)}" tests="${list.length}" failures="${failures}" time="${seconds(list.reduce((t, c) => t + c.durationMs, 0))}">`);
      for (const c of list) {
        out.push(`    <testcase classname="${escapeXml(file)}" name="${escapeXml(c.name)}" file="${escapeXml(file)}" line="${c.line}" time="${seconds(c.durationMs)}">`);
        if (c.status === 'skipped') out.push('      <skipped/>');
        if (c.status === 'failed' || c.status === 'error') {
          const body = c.problems.map(problemLine).join('\n');
          out.push(`      <failure message="${escapeXml(problemLine(c.problems[0] ?? { message: 'failed' }))}">${escapeXml(body)}</failure>`);
          if (c.logs.length) out.push(`      <system-out>${escapeXml(c.logs.join('\n'))}</system-out>`);
        }
        out.push('    </testcase>');
      }
      out.push('  </testsuite>');
    }
    out.push('</testsuites>', '');
    return out.join('\n');
  },
};
