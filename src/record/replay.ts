/**
 * Replays a recording against the plugin as it is now: the recorded connection, configuration and
 * answers go in, and the new conversation, redacted the same way, is compared with the old one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SessionInput } from '../engine/context.js';
import { fingerprint } from '../engine/credentials.js';
import type { Json } from '../protocol/json.js';
import { leftRunningWarnings } from '../engine/left-running.js';
import { secretLeaks, secretsOf } from '../engine/secrets.js';
import type { AnswerReply, AskedQuestion } from '../engine/run-session.js';
import { InputFileError, UserError } from '../errors.js';
import type { PluginRole } from '../protocol/session.js';
import { resolvePython } from '../host/python-host.js';
import { secretVariable } from '../runner/answers.js';
import { loadForRole, playOnHosts, type HostOptions, type LoadedPlugin } from '../runner/plugins.js';
import { readScenarioFile, type Scenario } from '../scenario/parse.js';
import { compareRecordings, type Difference } from './diff.js';
import type { LoadedRecording } from './file.js';
import { FORMAT_VERSION, orderedOutcome, stepsOf, withPluginPaths, type Recording } from './format.js';
import { configurationValue, PLACEHOLDERS, redact } from './redact.js';
import { expandServed, holdsTraffic, recordPlan, replayPlan, servedOf } from './traffic.js';

/** What re-records one recording: live services, new traffic written. */
export const rerecordCommand = (file: string): string => `sps-tui replay --update ${file}`;

export interface ReplayOptions extends HostOptions {
  /** Secret answers by placeholder name (`otp`, `otp#2`), from --secrets FILE. */
  secrets?: Record<string, string>;
  ignore?: string[];
  /** --update: the plugin reaches its real services and its new traffic is recorded. */
  rerecording?: boolean;
}

export interface ReplayResult {
  loaded: LoadedRecording;
  /** The new conversation, redacted as the file would be written. */
  fresh: Recording;
  differences: Difference[];
  /** Plugin version or file changes, secrets the plugin printed: worth saying, not a failure. */
  warnings: string[];
  durationMs: number;
  /** The interpreter the plugin ran under. */
  python: string;
}

/** The interpreter a replay runs under: --python, else the one the recording's scenario named, else the default. */
export function pythonFor(loaded: LoadedRecording, flag: string | undefined): string {
  const named = loaded.recording.python;
  if (flag || !named) return resolvePython(flag);
  return named.includes('/') ? resolve(dirname(loaded.file), named) : named;
}

async function loadPlugins(loaded: LoadedRecording, input: Recording['input'], options: HostOptions): Promise<{ plugins: LoadedPlugin[]; warnings: string[] }> {
  const { file, recording } = loaded;
  const plugins: LoadedPlugin[] = [];
  const warnings: string[] = [];
  for (const role of ['aa', 'credentialstore'] as const) {
    const recorded = recording.plugins[role];
    if (!recorded) continue;
    const plugin = await loadForRole(resolve(dirname(file), recorded.path), input.configuration[role] ?? '', role, options.pool);
    plugins.push(plugin);
    const { manifest, sha256 } = plugin.info;
    if (manifest.name !== recorded.name || manifest.type !== recorded.type) {
      for (const p of plugins) await p.info.cleanup();
      throw new InputFileError(file, loaded.lineOf(['plugins', role, 'name']), `plugins.${role}`, `recorded with plugin ${recorded.name} (${recorded.type}), but ${recorded.path} is ${manifest.name} (${manifest.type})`);
    }
    if (manifest.version !== recorded.version) warnings.push(`${recorded.name} is version ${manifest.version} now, recorded with ${recorded.version}`);
    else if (sha256 !== recorded.sha256) warnings.push(`${recorded.name}'s files changed since the recording`);
  }
  return { plugins, warnings };
}

/** Scenario files read for their answers, once per run however many recordings name them. */
const scenarioFiles = new Map<string, Scenario[]>();
const scenariosIn = (path: string): Scenario[] => {
  if (!scenarioFiles.has(path)) scenarioFiles.set(path, existsSync(path) ? readScenarioFile(path) : []);
  return scenarioFiles.get(path)!;
};

/** Fills `<secret:NAME>` placeholders: environment, then --secrets, then the scenario the recording came from. */
export function secretResolver(loaded: LoadedRecording, secrets: Record<string, string>) {
  const { recording, file } = loaded;
  let scenario: Scenario | null | undefined;
  // A configuration the session took from the plugin's default.cfg holds its secrets in clear there.
  const fromDefaults = (name: string): string | undefined =>
    Object.values(recording.plugins)
      .map((plugin) => join(resolve(dirname(file), plugin!.path), 'default.cfg'))
      .filter((path) => existsSync(path))
      .map((path) => configurationValue(readFileSync(path, 'utf8'), name))
      .find((value) => value !== undefined);
  const fromScenario = (name: string, nth: number): string | undefined => {
    if (name.startsWith('config:') && !recording.source) return fromDefaults(name);
    // A recording made from a scenario that holds the value in clear needs no secret given.
    if (!recording.source) return undefined;
    if (scenario === undefined) {
      const path = resolve(dirname(file), recording.source.scenario);
      scenario = scenariosIn(path).find((s) => s.name === recording.source!.name) ?? null;
    }
    if (!scenario) return undefined;
    if (name === 'gateway_password') return scenario.connection.gateway_password ?? undefined;
    if (name.startsWith('config:')) {
      const texts = [scenario.plugin.configuration, scenario.credentialStore?.configuration];
      return texts.map((text) => configurationValue(text ?? '', name)).find((value) => value !== undefined) ?? fromDefaults(name);
    }
    const answer = scenario.answers[name];
    const chosen = Array.isArray(answer) ? answer[nth - 1] : answer;
    return typeof chosen === 'string' ? chosen : undefined;
  };
  return (text: string, where: ReadonlyArray<string | number>): string =>
    text.replace(PLACEHOLDERS, (whole, name: string, n: string | undefined) => {
      const nth = Number(n ?? 1);
      const variable = `${secretVariable(name)}${nth > 1 ? `_${nth}` : ''}`;
      const label = nth > 1 ? `${name}#${nth}` : name;
      const value = process.env[variable] ?? secrets[label] ?? fromScenario(name, nth);
      if (value === undefined) {
        throw new UserError(
          `${file}:${loaded.lineOf(where) ?? '?'}: the secret ${whole} is not given`,
          `set ${variable} in the environment, or pass --secrets FILE with "${label}: …"`,
        );
      }
      return value;
    });
}

/**
 * [secret, placeholder] for every `<secret:…>` of the recording that can be filled, and the
 * gateway password's fingerprint: the host redacts the live request with these before matching
 * it, as the recorded one was redacted before it was written. A placeholder nobody can fill is
 * left out (a scenario that changed): its request then simply does not match.
 */
export function trafficSecrets(loaded: LoadedRecording, fill: Filler, connection: Recording['input']['connection']): Array<[string, string]> {
  const pairs = new Map<string, string>();
  const text = JSON.stringify([loaded.recording.steps, loaded.recording.input.configuration]);
  for (const [whole] of text.matchAll(PLACEHOLDERS)) {
    if (pairs.has(whole)) continue;
    try {
      pairs.set(whole, fill(whole, ['steps']));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
    }
  }
  const table: Array<[string, string]> = [...pairs].map(([placeholder, secret]) => [secret, placeholder]);
  if (connection.gateway_password) table.push([connection.gateway_password, fingerprint(connection.gateway_password)]);
  return table.filter(([secret]) => secret !== '');
}

type Filler = ReturnType<typeof secretResolver>;

/** The recorded answers per question key, in order, secrets filled in. */
function answerBook(loaded: LoadedRecording, fill: Filler): Record<string, string[]> {
  const book: Record<string, string[]> = {};
  loaded.recording.steps.forEach((step, index) => {
    if ('answer' in step) (book[step.answer.key] ??= []).push(fill(step.answer.value, ['steps', index, 'answer', 'value']));
  });
  return book;
}

/** The input as the plugin must see it again: placeholders in configuration and connection filled. */
function inputOf(loaded: LoadedRecording, fill: Filler): Recording['input'] {
  const { input } = loaded.recording;
  const configuration = Object.fromEntries(
    Object.entries(input.configuration).map(([role, text]) => [role, fill(text ?? '', ['input', 'configuration', role])]),
  );
  const filled = <T>(value: T, where: string): T =>
    JSON.parse(JSON.stringify(value), (key, inner: unknown) => (typeof inner === 'string' ? fill(inner, ['input', where, key]) : inner)) as T;
  const connection = filled(input.connection, 'connection');
  // A password the user typed may be what the target accepts (it is a placeholder there too), and
  // a credential a vault served: the target gets its stand-in.
  const target = expandServed(filled(input.target, 'target') as unknown as Json) as unknown as Recording['input']['target'];
  return { ...input, configuration, connection, target };
}

export async function replayRecording(loaded: LoadedRecording, options: ReplayOptions = {}): Promise<ReplayResult> {
  const started = performance.now();
  const { recording } = loaded;
  const python = pythonFor(loaded, options.python);
  const timeout = recording.input.timeout;
  options = { ...options, python, ...(timeout !== undefined && !options.timeoutMs ? { timeoutMs: timeout * 1000 } : {}) };
  const fill = secretResolver(loaded, options.secrets ?? {});
  const book = answerBook(loaded, fill);
  const given = inputOf(loaded, fill);
  const serving = !options.rerecording && options.network !== 'live' && holdsTraffic(recording);
  const traffic = serving ? replayPlan(recording, trafficSecrets(loaded, fill, given.connection), rerecordCommand(loaded.file)) : options.rerecording ? recordPlan() : undefined;
  // Loaded last: from here on, playOnHosts cleans the plugins up whatever happens.
  const { plugins, warnings } = await loadPlugins(loaded, given, options);
  if (!holdsTraffic(recording) && !options.rerecording) {
    warnings.push(`format ${recording.format}: recorded before sps-tui kept traffic, so the plugin reached its real services; re-record it with them running: ${rerecordCommand(loaded.file)}`);
  }
  // Live traffic is not the recording's to judge, unless it is being re-recorded.
  const ignore = [...(options.ignore ?? []), ...(traffic ? [] : ['steps[*].traffic'])];
  const input: SessionInput = {
    connection: given.connection,
    target: given.target,
    credentialKind: given.credentials,
    ...(given.password_fallback ? { passwordFallback: given.password_fallback } : {}),
    ...(given.max_questions !== undefined ? { maxQuestions: given.max_questions } : {}),
  };
  for (const plugin of plugins) input[plugin.role as PluginRole] = plugin.slot;
  const answer = (q: AskedQuestion): AnswerReply => {
    const value = book[q.key]?.[q.askedBefore];
    return value === undefined ? { unanswered: `the recording has no answer for ${q.key}: ${q.prompt}` } : { value };
  };
  const coverageContext = options.instruments?.coverageDataDir ? { coverageContext: loaded.file } : {};
  const result = await playOnHosts(plugins, input, { ...options, traffic, ...coverageContext }, { answer });
  const secrets = secretsOf({ connection: input.connection, transcript: result.transcript });
  warnings.push(...secretLeaks(result.transcript, secrets), ...leftRunningWarnings(result.transcript));
  const dirs = Object.fromEntries(plugins.map((p) => [p.role, p.info.dir]));
  const served = [...servedOf(result.transcript), ...(traffic?.standIns ?? [])];
  const format = traffic ? FORMAT_VERSION : recording.format;
  const fresh = redact(withPluginPaths({ ...recording, format, input: given, steps: stepsOf(result.transcript), outcome: orderedOutcome(result.outcome) }, dirs), secrets, served);
  return { loaded, fresh, differences: compareRecordings(recording, fresh, ignore), warnings, durationMs: performance.now() - started, python };
}
