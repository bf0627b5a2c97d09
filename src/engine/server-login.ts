/**
 * How SPS logs in to the target with what the credential store gave, and what it does when that
 * is nothing: the server-side password fallback of SPS's guide ("Using Credential Stores for
 * server-side authentication"). Pure functions from the session context to a patch.
 */
import type { CredentialKind, CredentialTrialEvent, TranscriptEvent } from '../protocol/session.js';
import { fallsBackToPrompt, type SessionContext } from './context.js';
import { tryCredentials } from './credentials.js';

type Patch = Partial<SessionContext>;

/** The key of SPS's own question for the server password, and the scenario answer that gives it. */
export const SERVER_PASSWORD_KEY = 'server_password';

const NOUN: Record<CredentialKind, [string, string]> = { password: ['password', 'passwords'], private_key: ['private key', 'private keys'] };

const storeTrials = (transcript: readonly TranscriptEvent[]): CredentialTrialEvent[] =>
  transcript.filter((e): e is CredentialTrialEvent => e.type === 'credential-trial' && !e.prompted);

/** `target refused all 3 passwords`, `the credential store returned no passwords`, or both kinds joined. */
export function refusalMessage(context: SessionContext, order: readonly CredentialKind[]): string {
  const trials = storeTrials(context.transcript);
  const parts = order.map((kind) => {
    const n = trials.filter((t) => t.kind === kind).length;
    const [one, many] = NOUN[kind];
    if (n === 0) return `the credential store returned no ${many}`;
    return `target refused ${n === 1 ? `the one ${one}` : `all ${n} ${many}`}`;
  });
  return parts.join(', and ');
}

function question(context: SessionContext, hook: 'get_password_list' | 'get_private_key_list') {
  const c = context.connection;
  const where = [c.server_username, c.server_hostname ?? c.server_ip].filter(Boolean).join('@');
  return { key: SERVER_PASSWORD_KEY, prompt: `Password for ${where || 'the server'}: `, echo: false, plugin: 'credentialstore' as const, hook };
}

/** SPS asks the user for the server password: at the start for RDP with NLA, else once the store had none. */
export function askServerPassword(context: SessionContext, hook: 'get_password_list' | 'get_private_key_list' = 'get_password_list'): Patch {
  const asked = question(context, hook);
  return { question: asked, askingFor: 'server-password', transcript: [...context.transcript, { type: 'question', ...asked }] };
}

/** The typed password tried on the target: in, or the connection is terminated (as SPS does). */
export function tryTypedPassword(context: SessionContext, password: string): Patch {
  const [trial] = tryCredentials('password', [password], context.input.target ?? {});
  const transcript: TranscriptEvent[] = [...context.transcript, { ...trial!, prompted: true }];
  if (trial!.accepted) return { transcript, credential: { kind: 'prompted', index: 0 } };
  return {
    transcript,
    ending: { verdict: 'ERROR', error: { plugin: 'credentialstore', hook: null, kind: 'credentials', message: 'target refused the server password the user typed' } },
  };
}

/**
 * Nothing the store gave was accepted, and nothing is left to ask it. With no password from the
 * store and the fallback on, the user's own password is asked (or tried, when typed at the start);
 * otherwise the connection is terminated.
 */
export function afterStoreFailed(context: SessionContext, order: readonly CredentialKind[], hook: 'get_password_list' | 'get_private_key_list'): Patch {
  const storeHadPassword = storeTrials(context.transcript).some((t) => t.kind === 'password');
  if (fallsBackToPrompt(context.input) && !storeHadPassword) {
    return context.typedPassword !== undefined ? tryTypedPassword(context, context.typedPassword) : askServerPassword(context, hook);
  }
  const fallbackOff = context.input.passwordFallback === 'none' && !storeHadPassword && order.includes('password') ? ' (the password fallback is off)' : '';
  return { ending: { verdict: 'ERROR', error: { plugin: 'credentialstore', hook, kind: 'credentials', message: `${refusalMessage(context, order)}${fallbackOff}` } } };
}

/** The answer to SPS's own question: kept for later when asked at the start, tried at once otherwise. */
export function serverPasswordAnswered(context: SessionContext, value: string): Patch {
  const transcript: TranscriptEvent[] = [...context.transcript, { type: 'answer', key: SERVER_PASSWORD_KEY, value, echo: false }];
  const answered = { ...context, question: undefined, askingFor: undefined, transcript };
  if (context.fetches === 0) return { question: undefined, askingFor: undefined, transcript, typedPassword: value };
  return { question: undefined, askingFor: undefined, ...tryTypedPassword(answered, value) };
}
