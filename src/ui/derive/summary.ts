/** The end of a session as rows: outcome, who got in, why not, which credential worked, cleanup. */
import type { Outcome, PluginRole } from '../../protocol/session.js';
import type { SessionView } from '../../protocol/view.js';
import { firstLine, ROLE_LABEL, verdictColor } from './labels.js';

export interface SummaryLine {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}

/** Expects a redacted view. `maxLines` bounds the traceback, which is the only part that can be long. */
export function summaryLines(view: SessionView, outcome: Outcome, maxLines: number): SummaryLine[] {
  const head: SummaryLine[] = [{ text: headline(outcome), color: verdictColor(outcome.verdict), bold: true }];
  const groups = outcome.gateway_groups?.length ? `  groups: ${outcome.gateway_groups.join(', ')}` : '';
  head.push({ text: `gateway user: ${outcome.gateway_user ?? '(none)'}${groups}` });
  if (outcome.reason !== undefined) head.push({ text: `reason: ${firstLine(outcome.reason)}`, color: 'red' });
  const error = outcome.error;
  if (error) {
    const where = error.plugin ? `${ROLE_LABEL[error.plugin]} ${error.hook ?? ''} ` : '';
    head.push({ text: `${where}${error.kind}: ${firstLine(error.message)}`, color: 'red' });
  }
  const tail: SummaryLine[] = [];
  if (outcome.credential) tail.push({ text: credentialLine(view, outcome.credential), color: 'green' });
  tail.push(sessionEndedLine(view));
  const room = Math.max(0, maxLines - head.length - tail.length);
  return [...head, ...tracebackLines(error?.traceback, room), ...tail];
}

function headline(outcome: Outcome): string {
  const hooks = (['authenticate', 'authorize'] as const)
    .filter((hook) => outcome[hook] !== undefined)
    .map((hook) => `${hook} ${outcome[hook] ?? 'None'}`);
  return hooks.length ? `${outcome.verdict}  (${hooks.join(', ')})` : outcome.verdict;
}

/** The end of a traceback names the exception; keep that when there is no room for all of it. */
function tracebackLines(traceback: string | undefined, room: number): SummaryLine[] {
  if (!traceback || room === 0) return [];
  const lines = traceback.replace(/\s+$/, '').split(/\r?\n/);
  const shown = lines.length <= room ? lines : ['…', ...lines.slice(lines.length - room + 1)];
  return shown.map((text) => ({ text: `  ${text}`, dim: true }));
}

function credentialLine(view: SessionView, credential: NonNullable<Outcome['credential']>): string {
  const trial = view.transcript.findLast(
    (event) => event.type === 'credential-trial' && event.accepted && event.index === credential.index,
  );
  const value = trial?.type === 'credential-trial' ? ` ${firstLine(trial.credential)}` : '';
  const type = credential.keyType ? ` ${credential.keyType}` : '';
  return `accepted: ${credential.kind.replace('_', ' ')} #${credential.index + 1}${type}${value}`;
}

function sessionEndedLine(view: SessionView): SummaryLine {
  const roles = (Object.keys(view.plugins) as PluginRole[]).filter((role) => view.plugins[role]);
  const parts = roles.map((role) => {
    const calls = view.transcript.filter((e) => e.type === 'hook-call' && e.plugin === role && e.hook === 'session_ended').length;
    return `${ROLE_LABEL[role]} ${calls === 0 ? 'NOT called' : calls === 1 ? 'called' : `called ${calls}×`}`;
  });
  const ok = parts.every((part) => part.endsWith(' called'));
  return { text: `session_ended: ${parts.join(', ')}`, ...(ok ? {} : { color: 'red' }) };
}
