/** A recording difference as a report problem, pointing at the line of the recording it is about. */
import type { Difference } from '../record/diff.js';
import type { LoadedRecording } from '../record/file.js';
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
