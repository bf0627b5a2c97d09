/** A recording difference as a report problem, pointing at the line of the recording it is about. */
import type { Difference } from '../record/diff.js';
import type { LoadedRecording } from '../record/file.js';
import type { Step } from '../record/format.js';
import { exchangeLines } from '../record/traffic.js';
import type { CaseProblem } from '../report/types.js';

export function differenceProblem(d: Difference, loaded: LoadedRecording): CaseProblem {
  const path = d.path.match(/[^.[\]"]+|\d+/g)?.map((p) => (/^\d+$/.test(p) ? Number(p) : p)) ?? [];
  const line = loaded.lineOf(path);
  return {
    message: [d.step ? `step ${d.step}${d.hook ? ` (${d.hook})` : ''}` : 'outcome', d.note].filter(Boolean).join(': '),
    field: d.path,
    expected: d.expected,
    actual: d.actual,
    ...(line ? { line } : {}),
  };
}

/**
 * A call that did what its recording does not hold (a request not recorded, a stray connect) is
 * the whole story of a failed replay: every later difference follows from it. One problem says
 * what happened and what the call exchanged before it.
 */
export function servingProblems(steps: readonly Step[]): CaseProblem[] {
  return steps.flatMap((step, index) => {
    if (!('error' in step) || step.error.kind !== 'replay') return [];
    const exchanged = exchangeLines(step.traffic);
    const traffic = exchanged.length ? `\ntraffic of this call, as served:\n${exchanged.map((l) => `  ${l}`).join('\n')}` : '';
    return [{ message: `${step.call} did what the recording does not hold: ${step.error.message}${traffic}`, field: `steps[${index}]` }];
  });
}
