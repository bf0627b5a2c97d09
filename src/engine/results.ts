/**
 * Reading what a hook returned the way SPS reads it. Pure: each function takes the JSON value the
 * host handed back and returns either the parts SPS uses or a protocol error message.
 */
import { isJsonObject, type Json, type JsonObject } from '../protocol/json.js';
import type { HookName } from '../protocol/plugin.js';
import type { Question, Verdict } from '../protocol/session.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The parts of any hook result that update session state. */
export interface StateUpdate {
  cookie?: JsonObject;
  session_cookie?: JsonObject;
}

export interface AaResult extends StateUpdate {
  /** `null` when the hook returned None: no gateway authentication was done. */
  verdict: Verdict | null;
  question?: Question;
  reason?: string;
  additional_metadata?: string;
  gateway_user?: string;
  gateway_groups?: string[];
}

const VERDICTS: readonly Verdict[] = ['ACCEPT', 'DENY', 'NEEDINFO', 'NONE'];

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

function stateUpdate(hook: HookName, value: JsonObject): Parsed<StateUpdate> {
  const update: StateUpdate = {};
  for (const key of ['cookie', 'session_cookie'] as const) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (!isJsonObject(v)) return { ok: false, message: `${hook} returned ${key} ${show(v)}: it must be a dict` };
    update[key] = v;
  }
  return { ok: true, value: update };
}

/** A question is (key, prompt) or (key, prompt, disable_echo); SPS 4.3.0-4.3.1 plugins send a dict. */
export function parseQuestion(hook: HookName, raw: Json | undefined): Parsed<Question> {
  const bad = (why: string): Parsed<Question> => ({
    ok: false,
    message: `${hook} returned NEEDINFO with question ${show(raw)}: ${why}`,
  });
  let key: Json | undefined;
  let prompt: Json | undefined;
  let disableEcho: Json | undefined = false;
  if (Array.isArray(raw)) {
    if (raw.length < 2 || raw.length > 3) return bad('expected (key, prompt) or (key, prompt, disable_echo)');
    [key, prompt, disableEcho = false] = raw;
  } else if (isJsonObject(raw)) {
    ({ key, prompt } = raw);
    disableEcho = raw.disable_echo ?? false;
  } else {
    return bad(raw === undefined ? 'a NEEDINFO verdict needs a question' : 'expected a tuple (key, prompt[, disable_echo])');
  }
  if (typeof key !== 'string' || key === '') return bad('the key must be a non-empty string');
  if (typeof prompt !== 'string') return bad('the prompt must be a string');
  // Python truthiness, as the appliance applies it to the third element.
  const echoOff = Boolean(disableEcho) && !(Array.isArray(disableEcho) && disableEcho.length === 0) &&
    !(isJsonObject(disableEcho) && Object.keys(disableEcho).length === 0);
  return { ok: true, value: { key, prompt, echo: !echoOff } };
}

export function parseAaResult(hook: 'authenticate' | 'authorize', value: Json): Parsed<AaResult> {
  if (value === null) return { ok: true, value: { verdict: null } };
  if (!isJsonObject(value)) return { ok: false, message: `${hook} returned ${show(value)}: expected a dict with a verdict` };
  const verdict = value.verdict ?? null;
  if (verdict !== null && !VERDICTS.includes(verdict as Verdict)) {
    return { ok: false, message: `${hook} returned verdict ${show(verdict)}: expected one of ${VERDICTS.join(', ')}` };
  }
  const update = stateUpdate(hook, value);
  if (!update.ok) return update;
  const result: AaResult = { ...update.value, verdict: verdict as Verdict | null };
  if (verdict === 'NEEDINFO') {
    const question = parseQuestion(hook, value.question);
    if (!question.ok) return question;
    result.question = question.value;
  }
  if (typeof value.reason === 'string') result.reason = value.reason;
  if (typeof value.additional_metadata === 'string') result.additional_metadata = value.additional_metadata;
  // SPS takes the gateway user and groups only as a pair.
  if (typeof value.gateway_user === 'string' && 'gateway_groups' in value) {
    const groups = value.gateway_groups;
    if (groups !== null && !(Array.isArray(groups) && groups.every((g) => typeof g === 'string'))) {
      return { ok: false, message: `${hook} returned gateway_groups ${show(groups)}: expected a list of strings` };
    }
    result.gateway_user = value.gateway_user;
    result.gateway_groups = (groups ?? []) as string[];
  }
  return { ok: true, value: result };
}

export interface PrivateKey {
  type: string;
  pem: string;
}

export interface CredentialList extends StateUpdate {
  passwords?: string[];
  privateKeys?: PrivateKey[];
}

export function parseCredentials(hook: 'get_password_list' | 'get_private_key_list', value: Json): Parsed<CredentialList> {
  if (value === null) return { ok: true, value: hook === 'get_password_list' ? { passwords: [] } : { privateKeys: [] } };
  if (!isJsonObject(value)) return { ok: false, message: `${hook} returned ${show(value)}: expected a dict` };
  const update = stateUpdate(hook, value);
  if (!update.ok) return update;
  if (hook === 'get_password_list') {
    const list = value.passwords ?? [];
    if (!Array.isArray(list) || !list.every((p) => typeof p === 'string')) {
      return { ok: false, message: `get_password_list returned passwords of the wrong shape: expected a list of strings` };
    }
    return { ok: true, value: { ...update.value, passwords: list as string[] } };
  }
  const list = value.private_keys ?? [];
  if (!Array.isArray(list)) return { ok: false, message: 'get_private_key_list returned private_keys that is not a list' };
  const keys: PrivateKey[] = [];
  for (const [index, entry] of list.entries()) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
      return { ok: false, message: `get_private_key_list returned private_keys[${index}] of the wrong shape: expected (type, pem)` };
    }
    keys.push({ type: entry[0], pem: entry[1] });
  }
  return { ok: true, value: { ...update.value, privateKeys: keys } };
}

/** Hooks whose result SPS reads only for cookie updates (authentication_completed). */
export function parseStateOnly(hook: HookName, value: Json): Parsed<StateUpdate> {
  if (value === null || !isJsonObject(value)) return { ok: true, value: {} };
  return stateUpdate(hook, value);
}
