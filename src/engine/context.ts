/** The session machine's input and context, and the pure updates its actions apply. */
import type { JsonObject } from '../protocol/json.js';
import type { HookName } from '../protocol/plugin.js';
import type {
  Connection,
  CredentialKind,
  Outcome,
  PluginRole,
  PluginSlot,
  Question,
  SessionError,
  SessionVerdict,
  Target,
  TranscriptEvent,
  Verdict,
} from '../protocol/session.js';
import type { StateUpdate } from './results.js';

export interface SessionInput {
  aa?: PluginSlot;
  credentialstore?: PluginSlot;
  connection: Connection;
  target?: Target;
  /** Which fetch hook the credential store answers: passwords (default) or SSH private keys. */
  credentialKind?: CredentialKind;
  /**
   * When the store has no password: `prompt` (SPS's default) asks the user for the server's own
   * password; `none` ends the session in ERROR.
   */
  passwordFallback?: 'prompt' | 'none';
  /** A plugin that keeps asking is stopped after this many questions. */
  maxQuestions?: number;
}

/** The hook call in flight: what the transcript records and the host receives. */
export interface PendingCall {
  plugin: PluginRole;
  hook: HookName;
  args: JsonObject;
}

/** How the session is ending, decided when it leaves the active states. */
export interface Ending {
  verdict: SessionVerdict;
  reason?: string;
  error?: SessionError;
}

export interface SessionContext {
  input: SessionInput;
  connection: Connection;
  cookies: Partial<Record<PluginRole, JsonObject>>;
  session_cookie: JsonObject;
  transcript: TranscriptEvent[];
  verdicts: { authenticate?: Verdict | null; authorize?: Verdict | null };
  additional_metadata?: string;
  call?: PendingCall;
  question?: Question & { plugin: PluginRole; hook: HookName };
  /** The hook to call again once the question is answered; `server-password`: SPS's own question for the target's password. */
  askingFor?: 'authenticate' | 'authorize' | 'server-password';
  /** Fetch hooks called so far, an index into fetchOrder(). */
  fetches: number;
  /** The server password typed before the store was asked (RDP with NLA asks it at the start). */
  typedPassword?: string;
  questionsAsked: number;
  credential?: Outcome['credential'];
  /** Plugins that had a hook called, in order: each gets session_ended once. */
  participants: PluginRole[];
  ending?: Ending;
  outcome?: Outcome;
}

export const DEFAULT_MAX_QUESTIONS = 50;

export function initialContext(input: SessionInput): SessionContext {
  return {
    input,
    connection: structuredClone(input.connection),
    cookies: {},
    session_cookie: {},
    transcript: [],
    verdicts: {},
    questionsAsked: 0,
    fetches: 0,
    participants: [],
  };
}

/**
 * The credentials asked of the store, in order. An SSH target that says which methods it offers
 * gets what an SSH client tries: public keys first, then passwords. Otherwise the one kind given.
 */
export function fetchOrder(input: SessionInput): CredentialKind[] {
  const methods = input.target?.methods;
  if (!methods || input.connection.protocol !== 'ssh') return [input.credentialKind ?? 'password'];
  return [...(methods.includes('publickey') ? (['private_key'] as const) : []), ...(methods.includes('password') ? (['password'] as const) : [])];
}

/** Whether SPS would ask the user for the server's password when the store has none. */
export const fallsBackToPrompt = (input: SessionInput): boolean => input.passwordFallback !== 'none' && fetchOrder(input).includes('password');

/** RDP with Network Level Authentication needs the password before anything else: SPS asks it at the start. */
export const asksPasswordFirst = (input: SessionInput): boolean =>
  input.credentialstore !== undefined && input.connection.protocol === 'rdp' && fallsBackToPrompt(input);

export function applyStateUpdate(context: SessionContext, role: PluginRole, update: StateUpdate): Partial<SessionContext> {
  return {
    cookies: update.cookie ? { ...context.cookies, [role]: update.cookie } : context.cookies,
    session_cookie: update.session_cookie ?? context.session_cookie,
  };
}

export function finalOutcome(context: SessionContext): Outcome {
  const ending = context.ending ?? { verdict: 'ERROR', error: { plugin: null, hook: null, kind: 'protocol', message: 'the session ended without a verdict' } };
  const outcome: Outcome = {
    verdict: ending.verdict,
    gateway_user: context.connection.gateway_user,
    gateway_groups: context.connection.gateway_groups,
  };
  if ('authenticate' in context.verdicts) outcome.authenticate = context.verdicts.authenticate;
  if ('authorize' in context.verdicts) outcome.authorize = context.verdicts.authorize;
  if (ending.reason !== undefined) outcome.reason = ending.reason;
  if (context.additional_metadata !== undefined) outcome.additional_metadata = context.additional_metadata;
  if (context.credential) outcome.credential = context.credential;
  if (ending.error) outcome.error = ending.error;
  return outcome;
}
