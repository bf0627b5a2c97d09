/**
 * The recording file: one session as reviewable YAML. `format: 1` first, keys in a fixed order,
 * one step per hook call, question, answer or credential trial, and nothing that changes between
 * two runs of unchanged behaviour (no timestamps, no durations).
 */
import { dirname, relative, resolve } from 'node:path';
import { z } from 'zod';
import type { TrafficEntry } from '../protocol/host.js';
import type { Json, JsonObject } from '../protocol/json.js';
import type { PluginType } from '../protocol/plugin.js';
import type { Connection, CredentialKind, Outcome, PluginRole, Target, TranscriptEvent } from '../protocol/session.js';
import type { ScenarioRun } from '../runner/run-scenario.js';

/** 2 added `traffic:` to call steps; 1 still replays, with the network live. */
export const FORMAT_VERSION = 2;
export const READABLE_FORMATS = [1, 2];

export interface RecordedPlugin {
  path: string;
  name: string;
  version: string;
  type: PluginType;
  sha256: string;
}

export type RecordedLog = { stdout: string } | { stderr: string };

export type Step =
  | { call: string; args: JsonObject; traffic?: TrafficEntry[]; result: Json; logs?: RecordedLog[] }
  | { call: string; args: JsonObject; traffic?: TrafficEntry[]; error: { kind: string; message: string; traceback?: string }; logs?: RecordedLog[] }
  | { question: { key: string; prompt: string; echo: boolean } }
  | { answer: { key: string; value: string } }
  | { trial: { kind: CredentialKind; index: number; credential: string; key_type?: string; accepted: boolean; prompted?: true } };

export interface Recording {
  format: number;
  tool: string;
  name: string;
  /** The scenario it was made from, relative to the recording. */
  source?: { scenario: string; name: string };
  plugins: Partial<Record<PluginRole, RecordedPlugin>>;
  /** The interpreter the scenario named: a path relative to the recording, or a command name. */
  python?: string;
  input: {
    configuration: Partial<Record<PluginRole, string>>;
    connection: Connection;
    target: Target;
    credentials: CredentialKind;
    /** Only when off: SPS's default is to ask for the server password. */
    password_fallback?: 'none';
    max_questions?: number;
    /** The scenario's `timeout:` in seconds: a replay gives each call the same time limit. */
    timeout?: number;
  };
  /** Field paths (with `*`) or `re:` patterns on log text left out of comparisons. */
  ignore?: string[];
  /** `clear` when recorded with --record-secrets: nothing in it is redacted. */
  secrets?: 'clear';
  steps: Step[];
  outcome: Outcome;
}

const logsOf = (lines: Array<{ stream: string; text: string }>): { logs?: RecordedLog[] } =>
  lines.length ? { logs: lines.map((l) => (l.stream === 'stderr' ? { stderr: l.text } : { stdout: l.text })) } : {};

// The traffic only: `served` holds the secrets in clear, and never goes into a step.
const trafficOf = (e: { traffic?: TrafficEntry[] }): { traffic?: TrafficEntry[] } => (e.traffic?.length ? { traffic: e.traffic } : {});

/** Merges each hook call with its result into one step; drops the outcome event (it has its own key). */
export function stepsOf(transcript: TranscriptEvent[]): Step[] {
  const steps: Step[] = [];
  let call: Extract<TranscriptEvent, { type: 'hook-call' }> | undefined;
  for (const e of transcript) {
    switch (e.type) {
      case 'hook-call':
        call = e;
        break;
      case 'hook-result':
        steps.push({ call: `${e.plugin}.${e.hook}`, args: call?.args ?? {}, ...trafficOf(e), result: e.value, ...logsOf(e.logs) });
        call = undefined;
        break;
      case 'hook-error':
        steps.push({
          call: `${e.plugin}.${e.hook}`,
          args: call?.args ?? {},
          ...trafficOf(e),
          error: { kind: e.kind, message: e.message, ...(e.traceback ? { traceback: e.traceback } : {}) },
          ...logsOf(e.logs),
        });
        call = undefined;
        break;
      case 'question':
        steps.push({ question: { key: e.key, prompt: e.prompt, echo: e.echo } });
        break;
      case 'answer':
        steps.push({ answer: { key: e.key, value: e.value } });
        break;
      case 'credential-trial':
        steps.push({
          trial: { kind: e.kind, index: e.index, credential: e.credential, ...(e.keyType ? { key_type: e.keyType } : {}), accepted: e.accepted, ...(e.prompted ? { prompted: true } : {}) },
        });
        break;
      case 'outcome':
        break;
    }
  }
  return steps;
}

/** Outcome keys in a fixed order, so files compare line by line. */
export function orderedOutcome(o: Outcome): Outcome {
  const out: Outcome = { verdict: o.verdict, gateway_user: o.gateway_user, gateway_groups: o.gateway_groups };
  if (o.authenticate !== undefined) out.authenticate = o.authenticate;
  if (o.authorize !== undefined) out.authorize = o.authorize;
  if (o.reason !== undefined) out.reason = o.reason;
  if (o.additional_metadata !== undefined) out.additional_metadata = o.additional_metadata;
  if (o.credential) out.credential = o.credential;
  if (o.error) out.error = o.error;
  return out;
}

/**
 * Where a plugin was unpacked or checked out differs between machines, so its directory is written
 * as `<aa plugin>` / `<credentialstore plugin>` wherever it appears (tracebacks, printed paths).
 */
export function withPluginPaths(recording: Recording, dirs: Partial<Record<PluginRole, string>>): Recording {
  const pairs = Object.entries(dirs).map(([role, dir]) => [`${dir}/`, `<${role} plugin>/`] as const);
  if (pairs.length === 0) return recording;
  const swap = (value: Json): Json => {
    if (typeof value === 'string') return pairs.reduce((text, [from, to]) => text.split(from).join(to), value);
    if (Array.isArray(value)) return value.map(swap);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    return value;
  };
  return { ...recording, steps: swap(recording.steps as unknown as Json) as unknown as Step[], outcome: swap(recording.outcome as unknown as Json) as unknown as Outcome };
}

const relativeTo = (file: string, target: string): string => relative(dirname(resolve(file)), target) || '.';

export function recordingFromRun(run: ScenarioRun, file: string, tool: string, recordSecrets = false): Recording {
  const plugins: Recording['plugins'] = {};
  const configuration: Recording['input']['configuration'] = {};
  for (const role of ['aa', 'credentialstore'] as const) {
    const info = run.plugins[role];
    const slot = run.input[role];
    if (!info || !slot) continue;
    const { manifest } = info;
    plugins[role] = { path: relativeTo(file, info.source), name: manifest.name, version: manifest.version, type: manifest.type, sha256: info.sha256 };
    configuration[role] = slot.configuration;
  }
  const recording: Recording = {
    format: FORMAT_VERSION,
    tool,
    name: run.scenario.name,
    plugins,
    input: {
      configuration,
      connection: run.input.connection,
      target: run.input.target ?? {},
      credentials: run.input.credentialKind ?? 'password',
      ...(run.input.passwordFallback === 'none' ? { password_fallback: 'none' as const } : {}),
      ...(run.input.maxQuestions !== undefined ? { max_questions: run.input.maxQuestions } : {}),
      ...(run.scenario.timeoutMs !== undefined ? { timeout: run.scenario.timeoutMs / 1000 } : {}),
    },
    steps: stepsOf(run.transcript),
    outcome: orderedOutcome(run.outcome),
  };
  if (run.scenario.file !== '(command line)') recording.source = { scenario: relativeTo(file, resolve(run.scenario.file)), name: run.scenario.name };
  const { python } = run.scenario;
  if (python) recording.python = python.includes('/') ? relativeTo(file, python) : python;
  if (run.scenario.ignore.length) recording.ignore = run.scenario.ignore;
  if (recordSecrets) recording.secrets = 'clear';
  return withPluginPaths(recording, Object.fromEntries(Object.entries(run.plugins).map(([role, info]) => [role, info!.dir])));
}

// Arguments, results and outcomes come from YAML and are compared as they are: checking each value
// deeply would cost more than the replay of a small plugin's session.
const json = z.unknown();
const logs = z.array(z.union([z.object({ stdout: z.string() }).strict(), z.object({ stderr: z.string() }).strict()])).optional();
const headers = z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional();
// One of json (a JSON body, as data), text (other text) or base64 (anything else); none for no body.
const body = { json: json.optional(), text: z.string().optional(), base64: z.string().optional() };
const httpExchange = z
  .object({
    kind: z.literal('http'),
    request: z.object({ method: z.string(), url: z.string(), headers, ...body }).strict(),
    response: z.object({ status: z.number().int(), reason: z.string().optional(), headers, ...body }).strict(),
  })
  .strict();
const traffic = z.array(httpExchange).optional().describe("The call's exchanges with services, in order; served back on replay");
const step = z.union([
  z.object({ call: z.string(), args: z.record(z.string(), json), traffic, result: json, logs }).strict(),
  z.object({ call: z.string(), args: z.record(z.string(), json), traffic, error: z.object({ kind: z.string(), message: z.string(), traceback: z.string().optional() }).strict(), logs }).strict(),
  z.object({ question: z.object({ key: z.string(), prompt: z.string(), echo: z.boolean() }).strict() }).strict(),
  z.object({ answer: z.object({ key: z.string(), value: z.string() }).strict() }).strict(),
  z.object({
    trial: z
      .object({ kind: z.enum(['password', 'private_key']), index: z.number().int(), credential: z.string(), key_type: z.string().optional(), accepted: z.boolean(), prompted: z.literal(true).optional() })
      .strict(),
  }).strict(),
]);
const plugin = z.object({ path: z.string(), name: z.string(), version: z.string(), type: z.enum(['aa', 'credentialstore']), sha256: z.string() }).strict();

export const recordingSchema = z
  .object({
    format: z.number(),
    tool: z.string(),
    name: z.string(),
    source: z.object({ scenario: z.string(), name: z.string() }).strict().optional(),
    plugins: z.object({ aa: plugin.optional(), credentialstore: plugin.optional() }).strict(),
    python: z.string().optional().describe('The Python interpreter the scenario named; a path is relative to this file'),
    input: z
      .object({
        configuration: z.object({ aa: z.string().optional(), credentialstore: z.string().optional() }).strict(),
        connection: z.record(z.string(), json),
        target: z
          .object({ passwords: z.array(z.string()).optional(), private_keys: z.array(z.string()).optional(), methods: z.array(z.enum(['publickey', 'password', 'keyboard-interactive'])).optional() })
          .strict(),
        credentials: z.enum(['password', 'private_key']),
        password_fallback: z.literal('none').optional(),
        max_questions: z.number().int().optional(),
        timeout: z.number().positive().optional().describe("The scenario's time limit per hook call, in seconds"),
      })
      .strict(),
    ignore: z.array(z.string()).optional(),
    secrets: z.literal('clear').optional(),
    steps: z.array(step),
    outcome: z.record(z.string(), json),
  })
  .strict();
