/** The front ends' picture of a session, derived from a machine snapshot. */
import type { LogLine } from '../protocol/host.js';
import type { PluginBadge, SessionStatus, SessionView } from '../protocol/view.js';
import { isJsonObject, type JsonObject } from '../protocol/json.js';
import type { Connection, PluginRole, TranscriptEvent } from '../protocol/session.js';
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

/**
 * The view of a session known only from its transcript (a recording being played): cookies and
 * key-value pairs as the last call saw or returned them.
 */
export function viewOfTranscript(
  transcript: TranscriptEvent[],
  connection: Connection,
  plugins: Partial<Record<PluginRole, PluginBadge>>,
  done: boolean,
): SessionView {
  const cookies: SessionView['cookies'] = {};
  let session_cookie: JsonObject = {};
  const key_value_pairs = { ...connection.key_value_pairs };
  for (const e of transcript) {
    if (e.type === 'hook-call') {
      if (isJsonObject(e.args.cookie ?? null)) cookies[e.plugin] = e.args.cookie as JsonObject;
      if (isJsonObject(e.args.session_cookie ?? null)) session_cookie = e.args.session_cookie as JsonObject;
    }
    if (e.type === 'hook-result' && isJsonObject(e.value)) {
      if (isJsonObject(e.value.cookie ?? null)) cookies[e.plugin] = e.value.cookie as JsonObject;
      if (isJsonObject(e.value.session_cookie ?? null)) session_cookie = e.value.session_cookie as JsonObject;
    }
    if (e.type === 'answer') key_value_pairs[e.key] = e.value;
  }
  const outcome = transcript.find((e) => e.type === 'outcome');
  const view: SessionView = {
    // No prompt while playing: the recorded answer is already in the transcript.
    status: done ? 'done' : 'running',
    plugins,
    connection,
    transcript,
    cookies,
    session_cookie,
    key_value_pairs,
    liveLogs: [],
  };
  if (outcome?.type === 'outcome') view.outcome = outcome.outcome;
  return view;
}
