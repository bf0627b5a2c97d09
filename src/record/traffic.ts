/**
 * The plugin's traffic in a recording: what each call asks the Python host to record or serve, and
 * the stand-ins replay serves for secrets that came from a service. The adapters themselves live in
 * the Python host (sps_tui_host/traffic/); the engine only carries the entries from call to step.
 */
import { createHash } from 'node:crypto';
import type { TrafficEntry, TrafficRequest } from '../protocol/host.js';
import { isJsonObject, type Json } from '../protocol/json.js';
import type { HookName } from '../protocol/plugin.js';
import type { PluginRole, Target, TranscriptEvent } from '../protocol/session.js';
import type { Recording } from './format.js';

export type { NetworkMode } from '../protocol/host.js';

/** Decides, call by call, what the host records or serves. One per session. */
export interface TrafficPlan {
  requestFor(plugin: PluginRole, hook: HookName): TrafficRequest | undefined;
  /** [stand-in, placeholder] of the served secrets it hands the plugin, to redact back before comparing. */
  readonly standIns: Array<[string, string]>;
  /** Whether any call records or serves HTTP (vcrpy); without, the network guard alone serves. */
  readonly http: boolean;
}

/** Writing a recording: every call records what it exchanges. */
export const recordPlan = (): TrafficPlan => ({ requestFor: () => ({ mode: 'record', entries: [], secrets: [] }), standIns: [], http: true });

/**
 * Serving a recording: the n-th call of a hook gets the traffic of the n-th recorded step of that
 * hook (none if it has none, so any request it makes is a miss), stand-ins in place of served secrets.
 */
export function replayPlan(recording: Recording, secrets: Array<[string, string]>, rerecord: string): TrafficPlan {
  const byCall = new Map<string, TrafficEntry[][]>();
  for (const step of recording.steps) {
    if (!('call' in step)) continue;
    const list = byCall.get(step.call) ?? [];
    list.push((expandServed((step.traffic ?? []) as unknown as Json) as unknown as TrafficEntry[]) ?? []);
    byCall.set(step.call, list);
  }
  const standIns = standInsOf(recording);
  const table = [...secrets, ...standIns].sort((a, b) => b[0].length - a[0].length);
  const made = new Map<string, number>();
  return {
    standIns,
    http: [...byCall.values()].some((calls) => calls.some((entries) => entries.some((entry) => entry.kind === 'http'))),
    requestFor(plugin, hook) {
      const call = `${plugin}.${hook}`;
      const nth = made.get(call) ?? 0;
      made.set(call, nth + 1);
      return { mode: 'replay', entries: byCall.get(call)?.[nth] ?? [], secrets: table, rerecord };
    },
  };
}

/** `<served:data.password:Aa{4}9%21>`: written by the Python host (served.py) at record time. */
const SERVED = /<served:[^:>]+:[^>]*>/g;
const ALPHABETS: Record<string, string> = {
  A: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  a: 'abcdefghijklmnopqrstuvwxyz',
  '9': '0123456789',
  b: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
};

/**
 * A value of the placeholder's shape (length and character class at each position), the same on
 * every run: replay serves it where the service sent a secret, so format checks still pass.
 */
export function standIn(placeholder: string): string {
  const shape = placeholder.slice(placeholder.indexOf(':', 8) + 1, -1);
  let seed = createHash('sha256').update(placeholder).digest();
  let used = 0;
  const next = (): number => {
    if (used === seed.length) {
      seed = createHash('sha256').update(seed).digest();
      used = 0;
    }
    return seed[used++]!;
  };
  let out = '';
  for (let i = 0; i < shape.length; ) {
    let token = shape[i]!;
    if (token === '%') {
      // One character as its UTF-8 bytes: the lead byte says how many follow.
      const lead = parseInt(shape.slice(i + 1, i + 3), 16);
      const bytes = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      token = shape.slice(i, i + 3 * bytes);
    }
    i += token.length;
    const count = /^\{(\d+)\}/.exec(shape.slice(i));
    if (count) i += count[0].length;
    const alphabet = ALPHABETS[token];
    const literal = alphabet ? '' : decodeURIComponent(token);
    for (let n = Number(count?.[1] ?? 1); n > 0; n--) out += alphabet ? alphabet[next() % alphabet.length] : literal;
  }
  return out;
}

function placeholdersIn(value: unknown, found: Set<string>): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(SERVED)) found.add(m[0]);
  else if (Array.isArray(value)) for (const v of value) placeholdersIn(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) placeholdersIn(v, found);
  return found;
}

/** [stand-in, placeholder] for every served secret of a recording. */
export function standInsOf(recording: Recording): Array<[string, string]> {
  return [...placeholdersIn([recording.steps, recording.input], new Set())].map((p) => [standIn(p), p]);
}

/** The value with each served-secret placeholder replaced by its stand-in. */
export function expandServed<T extends Json>(value: T): T {
  if (typeof value === 'string') return (value.includes('<served:') ? value.replace(SERVED, standIn) : value) as T;
  if (Array.isArray(value)) return value.map((v) => expandServed(v)) as T;
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandServed(v)])) as T;
  return value;
}

/**
 * The scenario's target, where its recording says a credential came from a service: the target
 * must accept the stand-in replay serves in its place, as it accepted the real one.
 */
export function targetWithStandIns(target: Target, recorded: Target): Target {
  const swap = (mine: string[] | undefined, theirs: string[] | undefined): string[] | undefined =>
    mine?.map((value, i) => (theirs?.[i]?.startsWith('<served:') ? standIn(theirs[i]!) : value));
  const passwords = swap(target.passwords, recorded.passwords);
  const keys = swap(target.private_keys, recorded.private_keys);
  return { ...(passwords ? { passwords } : {}), ...(keys ? { private_keys: keys } : {}) };
}

/** [secret, placeholder] the host found in responses during the session, to redact everywhere else too. */
export function servedOf(transcript: readonly TranscriptEvent[]): Array<[string, string]> {
  return transcript.flatMap((e) => (e.type === 'hook-result' || e.type === 'hook-error' ? (e.served ?? []) : []));
}

/** Whether a recording can serve its traffic: format 1 recordings were made before traffic was recorded. */
export const holdsTraffic = (recording: Recording): boolean => recording.format >= 2;

/** One line per exchange, for the plain front end and test failures: `POST https://… → 200 (312 B)`. */
export function exchangeLines(entries: readonly TrafficEntry[] | undefined): string[] {
  return (entries ?? []).map((entry) => {
    if (entry.kind !== 'http' || !isJsonObject(entry.request) || !isJsonObject(entry.response)) return `${entry.kind} exchange`;
    const { request, response } = entry;
    const size = bodySize(response);
    return `${String(request.method)} ${String(request.url)} → ${String(response.status)}${size === undefined ? '' : ` (${size} B)`}`;
  });
}

function bodySize(message: Record<string, Json>): number | undefined {
  if ('json' in message) return Buffer.byteLength(JSON.stringify(message.json));
  if (typeof message.text === 'string') return Buffer.byteLength(message.text);
  if (typeof message.base64 === 'string') return Buffer.from(message.base64, 'base64').length;
  return undefined;
}
