/** The front ends' picture of a session, derived from a machine snapshot. */
import type { LogLine } from '../protocol/host.js';
import type { PluginBadge, SessionStatus, SessionView } from '../protocol/view.js';
import type { PluginRole } from '../protocol/session.js';
import type { SessionSnapshot } from './run-session.js';

export interface ViewExtras {
  plugins: Partial<Record<PluginRole, PluginBadge>>;
  liveLogs: LogLine[];
  /** When the call in flight started (the machine itself keeps no clock). */
  callStartedAt?: number;
}

function statusOf(snapshot: SessionSnapshot): SessionStatus {
  if (snapshot.status === 'done') return 'done';
  if (snapshot.matches('ending')) return 'ending';
  if (snapshot.matches({ active: 'asking' })) return 'asking';
  return 'running';
}

export function toSessionView(snapshot: SessionSnapshot, extras: ViewExtras): SessionView {
  const { context } = snapshot;
  const view: SessionView = {
    status: statusOf(snapshot),
    plugins: extras.plugins,
    connection: context.connection,
    transcript: context.transcript,
    cookies: context.cookies,
    session_cookie: context.session_cookie,
    key_value_pairs: context.connection.key_value_pairs,
    liveLogs: extras.liveLogs,
  };
  if (context.call) view.running = { plugin: context.call.plugin, hook: context.call.hook, startedAt: extras.callStartedAt ?? Date.now() };
  if (context.question) view.question = context.question;
  if (context.outcome) view.outcome = context.outcome;
  return view;
}
