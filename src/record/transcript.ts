/** A recording's steps read back as the transcript the session produced: what `play` shows. */
import type { HookName } from '../protocol/plugin.js';
import { sideEffectsOf, type HookErrorKind } from '../protocol/host.js';
import type { PluginRole, TranscriptEvent } from '../protocol/session.js';
import type { Recording } from './format.js';

export function transcriptOf(recording: Recording): TranscriptEvent[] {
  const events: TranscriptEvent[] = [];
  let last: { plugin: PluginRole; hook: HookName } = { plugin: 'aa', hook: 'authenticate' };
  const echo = new Map<string, boolean>();
  for (const step of recording.steps) {
    if ('call' in step) {
      const [plugin, hook] = step.call.split('.') as [PluginRole, HookName];
      last = { plugin, hook };
      const logs = (step.logs ?? []).map((l) => ('stderr' in l ? { stream: 'stderr' as const, text: l.stderr } : { stream: 'stdout' as const, text: l.stdout }));
      events.push({ type: 'hook-call', plugin, hook, args: step.args });
      const traffic = sideEffectsOf(step);
      if ('result' in step) events.push({ type: 'hook-result', plugin, hook, value: step.result, logs, ...traffic });
      else events.push({ type: 'hook-error', plugin, hook, kind: step.error.kind as HookErrorKind, message: step.error.message, ...(step.error.traceback ? { traceback: step.error.traceback } : {}), logs, ...traffic });
    } else if ('question' in step) {
      echo.set(step.question.key, step.question.echo);
      events.push({ type: 'question', ...last, ...step.question });
    } else if ('answer' in step) {
      events.push({ type: 'answer', key: step.answer.key, value: step.answer.value, echo: echo.get(step.answer.key) ?? true });
    } else {
      const t = step.trial;
      events.push({ type: 'credential-trial', kind: t.kind, index: t.index, credential: t.credential, ...(t.key_type ? { keyType: t.key_type } : {}), accepted: t.accepted, ...(t.prompted ? { prompted: true as const } : {}) });
    }
  }
  events.push({ type: 'outcome', outcome: recording.outcome });
  return events;
}
