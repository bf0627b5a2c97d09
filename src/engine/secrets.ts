/**
 * What in a session is secret, and the one way to mask it. Every front end (the Ink UI, plain
 * lines, test reports) passes what it shows through here, so a secret the plugin echoes into a
 * log line, a cookie or a traceback is masked wherever it appears.
 */
import type { LogLine } from '../protocol/host.js';
import { isJsonObject, type Json } from '../protocol/json.js';
import type { Outcome, TranscriptEvent } from '../protocol/session.js';
import type { SessionView } from '../protocol/view.js';

export const MASK = '********';

/**
 * Two kinds of secret: echo-off answers are never shown; credentials a store returned are
 * shown only after the user asks (`reveal`), because checking them is part of plugin work.
 */
export interface Secrets {
  /** Echo-off answers and the gateway password, with the long lines of multi-line ones. */
  answers: string[];
  answerKeys: Set<string>;
  /** Every password and key a store returned, tried or not, and what the target was tried with. */
  credentials: string[];
  /** The echo-off answers as given, in order: recordings turn each into a placeholder replay can fill. */
  echoOff: Array<{ key: string; value: string }>;
  gatewayPassword?: string;
}

/** Secrets shorter than this are looked for only as whole values, not inside text: "1" is in too many lines to mean anything. */
export const MIN_EMBEDDED_SECRET = 4;

/** The secrets of a session so far; a view or a finished run's connection and transcript will do. */
export function secretsOf(view: Pick<SessionView, 'connection' | 'transcript'> & { question?: SessionView['question'] }): Secrets {
  const answers: string[] = [];
  const answerKeys = new Set<string>();
  const credentials: string[] = [];
  const echoOff: Secrets['echoOff'] = [];
  const gatewayPassword = view.connection.gateway_password ?? undefined;
  if (gatewayPassword) answers.push(gatewayPassword);
  for (const event of view.transcript) {
    if (event.type === 'question' && !event.echo) answerKeys.add(event.key);
    if (event.type === 'answer' && !event.echo) {
      answerKeys.add(event.key);
      answers.push(event.value);
      echoOff.push({ key: event.key, value: event.value });
    }
    if (event.type === 'credential-trial') credentials.push(event.credential);
    if (event.type === 'hook-result') credentials.push(...returnedCredentials(event.hook, event.value));
  }
  if (view.question && !view.question.echo) answerKeys.add(view.question.key);
  return { answers: withLines(answers), answerKeys, credentials: withLines(credentials), echoOff, ...(gatewayPassword ? { gatewayPassword } : {}) };
}

function returnedCredentials(hook: string, value: Json): string[] {
  if (!isJsonObject(value)) return [];
  if (hook === 'get_password_list' && Array.isArray(value.passwords)) return value.passwords.filter(isString);
  if (hook === 'get_private_key_list' && Array.isArray(value.private_keys)) {
    // Each entry is (type, pem); the type is public, the PEM is the secret.
    return value.private_keys.flatMap((entry) => (Array.isArray(entry) ? entry.slice(1).filter(isString) : []));
  }
  return [];
}

/** A plugin logs a PEM line by line, so each long line of a multi-line secret is a secret too. */
function withLines(secrets: string[]): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    all.add(secret);
    if (!secret.includes('\n')) continue;
    for (const line of secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= 16 && !trimmed.startsWith('-----')) all.add(trimmed);
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...all].sort((a, b) => b.length - a.length);
}

/**
 * The hooks that printed a secret. SPS keeps what a plugin prints in its system log, so a plugin
 * author wants to hear of it even when the session passed (sps-tui itself masks it everywhere).
 */
export function secretLeaks(transcript: readonly TranscriptEvent[], { answers, credentials }: Secrets): string[] {
  const secrets = [...answers, ...credentials].filter((secret) => secret.length >= MIN_EMBEDDED_SECRET);
  const leaks = new Set<string>();
  for (const e of transcript) {
    if ((e.type === 'hook-result' || e.type === 'hook-error') && e.logs.some((line) => secrets.some((secret) => line.text.includes(secret)))) {
      leaks.add(`${e.plugin} ${e.hook} printed a secret (an echo-off answer, the gateway password or a credential): SPS keeps plugin output in its system log`);
    }
  }
  return [...leaks];
}

export function redactText(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret && out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}

export interface Redactor {
  text(text: string): string;
  /** Plain data (cookies, hook values, arguments): every string and key redacted, the shape kept. */
  deep<T>(value: T): T;
  /** A key_value_pairs map: values of echo-off keys are masked whatever they hold. */
  pairs(pairs: Record<string, string>): Record<string, string>;
}

export function createRedactor(secrets: Secrets, reveal: boolean): Redactor {
  const hidden = reveal ? secrets.answers : [...secrets.answers, ...secrets.credentials].sort((a, b) => b.length - a.length);
  const text = (value: string): string => redactText(value, hidden);
  const pairs = (map: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(map).map(([k, v]) => [text(k), secrets.answerKeys.has(k) ? MASK : text(v)]));
  const deep = <T>(value: T): T => {
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map(deep) as T;
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[text(key)] = key === 'key_value_pairs' && isStringMap(inner) ? pairs(inner) : deep(inner);
    }
    return out as T;
  };
  return { text, deep, pairs };
}

/**
 * The view every component draws: the fields it knows, with every plugin- or user-supplied
 * string redacted. Fields the UI branches on (event types, hook names, verdicts) are left alone.
 */
export function redactView(view: SessionView, reveal: boolean): SessionView {
  const r = createRedactor(secretsOf(view), reveal);
  // Built field by field, not spread: a field added to SessionView later stays off screen until redacted here.
  const out: SessionView = {
    status: view.status,
    plugins: r.deep(view.plugins),
    connection: { ...r.deep(view.connection), gateway_password: view.connection.gateway_password === null ? null : MASK },
    transcript: view.transcript.map((event) => redactEvent(event, r, reveal)),
    cookies: r.deep(view.cookies),
    session_cookie: r.deep(view.session_cookie),
    key_value_pairs: r.pairs(view.key_value_pairs),
    liveLogs: redactLogs(view.liveLogs, r),
  };
  if (view.running) out.running = view.running;
  if (view.question) out.question = { ...view.question, prompt: r.text(view.question.prompt) };
  if (view.caption !== undefined) out.caption = r.text(view.caption);
  if (view.outcome) out.outcome = redactOutcome(view.outcome, r);
  return out;
}

function redactLogs(lines: LogLine[], r: Redactor): LogLine[] {
  return lines.map((line) => ({ ...line, text: r.text(line.text) }));
}

function redactOutcome(outcome: Outcome, r: Redactor): Outcome {
  const out: Outcome = { ...outcome, gateway_user: r.deep(outcome.gateway_user), gateway_groups: r.deep(outcome.gateway_groups) };
  if (outcome.reason !== undefined) out.reason = r.text(outcome.reason);
  if (outcome.additional_metadata !== undefined) out.additional_metadata = r.text(outcome.additional_metadata);
  if (outcome.error) out.error = r.deep(outcome.error);
  return out;
}

function redactEvent(event: TranscriptEvent, r: Redactor, reveal: boolean): TranscriptEvent {
  switch (event.type) {
    case 'hook-call':
      return { ...event, args: r.deep(event.args) };
    case 'hook-result': {
      const { served: _served, traffic, ...rest } = event;
      return { ...rest, value: r.deep(event.value), logs: redactLogs(event.logs, r), ...(traffic ? { traffic: r.deep(traffic) } : {}) };
    }
    case 'hook-error': {
      // `served` pairs are secrets in clear, for the recorder only: never part of what is shown.
      const { served: _served, traffic, ...rest } = event;
      const out = { ...rest, message: r.text(event.message), logs: redactLogs(event.logs, r), ...(traffic ? { traffic: r.deep(traffic) } : {}) };
      if (event.traceback !== undefined) out.traceback = r.text(event.traceback);
      return out;
    }
    case 'question':
      return { ...event, prompt: r.text(event.prompt) };
    case 'answer':
      return { ...event, value: event.echo ? r.text(event.value) : MASK };
    case 'credential-trial':
      return { ...event, credential: reveal ? r.text(event.credential) : MASK };
    case 'outcome':
      return { ...event, outcome: redactOutcome(event.outcome, r) };
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isJsonObject(value) && Object.values(value).every(isString);
}
