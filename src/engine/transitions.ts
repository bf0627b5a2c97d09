/**
 * What each finished hook call does to the session: pure functions from (context, result) to a
 * context patch. The machine only decides which of these runs when.
 */
import { sideEffectsOf, HookError, type HookResult } from '../protocol/host.js';
import type { HookName } from '../protocol/plugin.js';
import type { PluginRole, SessionError, TranscriptEvent } from '../protocol/session.js';
import { offeredArgs, passedArgs } from './args.js';
import { applyStateUpdate, DEFAULT_MAX_QUESTIONS, fetchOrder, type Ending, type SessionContext } from './context.js';
import { afterStoreFailed } from './server-login.js';
import { tryCredentials } from './credentials.js';
import { parseAaResult, parseCredentials, parseStateOnly } from './results.js';

type Patch = Partial<SessionContext>;

/** The next fetch hook: each kind of fetchOrder() in turn. */
export function fetchHook(context: SessionContext): 'get_password_list' | 'get_private_key_list' {
  return fetchOrder(context.input)[context.fetches] === 'private_key' ? 'get_private_key_list' : 'get_password_list';
}

export function beginCall(context: SessionContext, plugin: PluginRole, hook: HookName): Patch {
  const args = offeredArgs(hook, {
    connection: context.connection,
    cookie: context.cookies[plugin] ?? {},
    session_cookie: context.session_cookie,
  });
  return {
    call: { plugin, hook, args },
    participants: context.participants.includes(plugin) ? context.participants : [...context.participants, plugin],
    transcript: [...context.transcript, { type: 'hook-call', plugin, hook, args }],
  };
}

/** The transcript with the offered arguments of the call just made replaced by those the hook really received. */
function asReceived(context: SessionContext, passed: string[] | undefined): TranscriptEvent[] {
  const transcript = [...context.transcript];
  const last = transcript.at(-1);
  if (passed && last?.type === 'hook-call') transcript[transcript.length - 1] = { ...last, args: passedArgs(context.call!.args, passed) };
  return transcript;
}

function settle(context: SessionContext, result: HookResult, extra: TranscriptEvent[] = []): TranscriptEvent[] {
  const call = context.call!;
  const transcript = asReceived(context, result.passed);
  transcript.push({
    type: 'hook-result',
    plugin: call.plugin,
    hook: call.hook,
    value: result.value,
    logs: result.logs,
    durationMs: result.durationMs,
    ...sideEffectsOf(result),
  });
  return [...transcript, ...extra];
}

const protocolError = (context: SessionContext, message: string): Ending => ({
  verdict: 'ERROR',
  error: { plugin: context.call?.plugin ?? null, hook: context.call?.hook ?? null, kind: 'protocol', message },
});

export function hookFailed(context: SessionContext, error: unknown): Patch {
  const call = context.call!;
  const failure: SessionError =
    error instanceof HookError
      ? { plugin: call.plugin, hook: call.hook, kind: error.kind, message: error.message, ...(error.traceback ? { traceback: error.traceback } : {}) }
      : { plugin: call.plugin, hook: call.hook, kind: 'host', message: error instanceof Error ? error.message : String(error) };
  const event: TranscriptEvent = {
    type: 'hook-error',
    plugin: call.plugin,
    hook: call.hook,
    kind: failure.kind as Extract<TranscriptEvent, { type: 'hook-error' }>['kind'],
    message: failure.message,
    ...(failure.traceback ? { traceback: failure.traceback } : {}),
    logs: error instanceof HookError ? error.logs : [],
    durationMs: error instanceof HookError ? error.durationMs : 0,
    ...(error instanceof HookError ? sideEffectsOf(error) : {}),
  };
  const patch: Patch = { call: undefined, transcript: [...asReceived(context, error instanceof HookError ? error.passed : undefined), event] };
  // A failing session_ended is logged but cannot change how the session already ended.
  if (call.hook !== 'session_ended') patch.ending = { verdict: 'ERROR', error: failure };
  return patch;
}

export function aaResult(context: SessionContext, result: HookResult): Patch {
  const call = context.call!;
  const hook = call.hook as 'authenticate' | 'authorize';
  const patch: Patch = { call: undefined, transcript: settle(context, result) };
  const parsed = parseAaResult(hook, result.value);
  if (!parsed.ok) return { ...patch, ending: protocolError(context, parsed.message) };
  const r = parsed.value;
  Object.assign(patch, applyStateUpdate(context, 'aa', r), { verdicts: { ...context.verdicts, [hook]: r.verdict } });
  if (r.additional_metadata !== undefined) patch.additional_metadata = r.additional_metadata;
  if (r.gateway_user !== undefined) {
    patch.connection = { ...context.connection, gateway_user: r.gateway_user, gateway_groups: r.gateway_groups ?? null };
  }
  switch (r.verdict) {
    case 'DENY':
      return { ...patch, ending: { verdict: 'DENY', ...(r.reason !== undefined ? { reason: r.reason } : {}) } };
    case 'NEEDINFO': {
      const max = context.input.maxQuestions ?? DEFAULT_MAX_QUESTIONS;
      if (context.questionsAsked >= max) return { ...patch, ending: protocolError(context, `${hook} asked more than ${max} questions`) };
      const question = { ...r.question!, plugin: call.plugin, hook };
      patch.transcript = [...patch.transcript!, { type: 'question', ...question }];
      return { ...patch, question, askingFor: hook };
    }
    case 'ACCEPT':
      return patch;
    default:
      // authenticate may decline to authenticate (NONE or None); authorize must decide.
      if (hook === 'authenticate') return patch;
      return { ...patch, ending: protocolError(context, `authorize returned ${r.verdict === null ? 'None' : 'NONE'}: it must return ACCEPT, DENY or NEEDINFO`) };
  }
}

export function answered(context: SessionContext, value: string): Patch {
  const question = context.question!;
  return {
    question: undefined,
    questionsAsked: context.questionsAsked + 1,
    connection: { ...context.connection, key_value_pairs: { ...context.connection.key_value_pairs, [question.key]: value } },
    transcript: [...context.transcript, { type: 'answer', key: question.key, value, echo: question.echo }],
  };
}

export function credentialsResult(context: SessionContext, result: HookResult): Patch {
  const hook = context.call!.hook as 'get_password_list' | 'get_private_key_list';
  const parsed = parseCredentials(hook, result.value);
  if (!parsed.ok) return { call: undefined, transcript: settle(context, result), ending: protocolError(context, parsed.message) };
  const kind = hook === 'get_password_list' ? 'password' : 'private_key';
  const list = parsed.value.passwords ?? parsed.value.privateKeys ?? [];
  const trials = tryCredentials(kind, list, context.input.target ?? {});
  const patch: Patch = {
    call: undefined,
    fetches: context.fetches + 1,
    transcript: settle(context, result, trials),
    ...applyStateUpdate(context, 'credentialstore', parsed.value),
  };
  const winner = trials.find((t) => t.accepted);
  if (winner) return { ...patch, credential: { kind, index: winner.index, ...(winner.keyType ? { keyType: winner.keyType } : {}) } };
  // The next kind the target offers is asked for; after the last, SPS's fallback or the end.
  const order = fetchOrder(context.input);
  if (patch.fetches! < order.length) return patch;
  return { ...patch, ...afterStoreFailed({ ...context, ...patch }, order, hook) };
}

export function stateOnlyResult(context: SessionContext, result: HookResult): Patch {
  const call = context.call!;
  const patch: Patch = { call: undefined, transcript: settle(context, result) };
  if (call.hook === 'session_ended') return patch;
  const parsed = parseStateOnly(call.hook, result.value);
  if (!parsed.ok) return { ...patch, ending: protocolError(context, parsed.message) };
  return { ...patch, ...applyStateUpdate(context, call.plugin, parsed.value) };
}

/** Ctrl-C or an unanswered question: the call in flight (if any) is cancelled and recorded so. */
export function aborted(context: SessionContext, kind: 'aborted' | 'unanswered', message: string): Patch {
  const transcript = [...context.transcript];
  if (context.call) {
    const { plugin, hook } = context.call;
    transcript.push({ type: 'hook-error', plugin, hook, kind: 'aborted', message: `${hook} was cancelled`, logs: [], durationMs: 0 });
  }
  return {
    call: undefined,
    question: undefined,
    transcript,
    ending: { verdict: 'ABORTED', error: { plugin: context.question?.plugin ?? null, hook: context.question?.hook ?? null, kind, message } },
  };
}

export const nextToEnd = (context: SessionContext): PluginRole | undefined =>
  context.participants.find(
    (role) => !context.transcript.some((e) => e.type === 'hook-call' && e.plugin === role && e.hook === 'session_ended'),
  );
