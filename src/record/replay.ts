/**
 * Replays a recording against the plugin as it is now: the recorded connection, configuration and
 * answers go in, and the new conversation, redacted the same way, is compared with the old one.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SessionInput } from '../engine/context.js';
import { secretLeaks, secretsOf } from '../engine/secrets.js';
import { runSession, type AnswerReply, type AskedQuestion } from '../engine/run-session.js';
import { InputFileError, UserError } from '../errors.js';
import type { PluginRole } from '../protocol/session.js';
import { secretVariable } from '../runner/answers.js';
import { loadForRole, startHosts, type HostOptions, type LoadedPlugin } from '../runner/plugins.js';
import { readScenarioFile, type Scenario } from '../scenario/parse.js';
import { compareRecordings, type Difference } from './diff.js';
import type { LoadedRecording } from './file.js';
import { orderedOutcome, stepsOf, withPluginPaths, type Recording } from './format.js';
import { PLACEHOLDERS, redact } from './redact.js';

export interface ReplayOptions extends HostOptions {
  /** Secret answers by placeholder name (`otp`, `otp#2`), from --secrets FILE. */
  secrets?: Record<string, string>;
  ignore?: string[];
}

export interface ReplayResult {
  loaded: LoadedRecording;
  /** The new conversation, redacted as the file would be written. */
  fresh: Recording;
  differences: Difference[];
  /** Plugin version or file changes, secrets the plugin printed: worth saying, not a failure. */
  warnings: string[];
  durationMs: number;
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
function secretResolver(loaded: LoadedRecording, secrets: Record<string, string>) {
  const { recording, file } = loaded;
  let scenario: Scenario | null | undefined;
  const fromScenario = (name: string, nth: number): string | undefined => {
    // A recording made from a scenario that holds the value in clear needs no secret given.
    if (!recording.source) return undefined;
    if (scenario === undefined) {
      const path = resolve(dirname(file), recording.source.scenario);
      scenario = scenariosIn(path).find((s) => s.name === recording.source!.name) ?? null;
    }
    if (!scenario) return undefined;
    if (name === 'gateway_password') return scenario.connection.gateway_password ?? undefined;
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

/** The recorded answers per question key, in order, secrets filled in. */
function answerBook(loaded: LoadedRecording, fill: ReturnType<typeof secretResolver>): Record<string, string[]> {
  const book: Record<string, string[]> = {};
  loaded.recording.steps.forEach((step, index) => {
    if ('answer' in step) (book[step.answer.key] ??= []).push(fill(step.answer.value, ['steps', index, 'answer', 'value']));
  });
  return book;
}

/** The input as the plugin must see it again: placeholders in configuration and connection filled. */
function inputOf(loaded: LoadedRecording, fill: ReturnType<typeof secretResolver>): Recording['input'] {
  const { input } = loaded.recording;
  const configuration = Object.fromEntries(
    Object.entries(input.configuration).map(([role, text]) => [role, fill(text ?? '', ['input', 'configuration', role])]),
  );
  const connection = JSON.parse(JSON.stringify(input.connection), (key, value: unknown) =>
    typeof value === 'string' ? fill(value, ['input', 'connection', key]) : value,
  ) as Recording['input']['connection'];
  return { ...input, configuration, connection };
}

export async function replayRecording(loaded: LoadedRecording, options: ReplayOptions = {}): Promise<ReplayResult> {
  const started = performance.now();
  const { recording } = loaded;
  const fill = secretResolver(loaded, options.secrets ?? {});
  const book = answerBook(loaded, fill);
  const given = inputOf(loaded, fill);
  const { plugins, warnings } = await loadPlugins(loaded, given, options);
  try {
    const input: SessionInput = {
      connection: given.connection,
      target: given.target,
      credentialKind: given.credentials,
      ...(given.max_questions !== undefined ? { maxQuestions: given.max_questions } : {}),
    };
    for (const plugin of plugins) input[plugin.role as PluginRole] = plugin.slot;
    const session = await startHosts(plugins, options);
    try {
      const answer = (q: AskedQuestion): AnswerReply => {
        const value = book[q.key]?.[q.askedBefore];
        return value === undefined ? { unanswered: `the recording has no answer for ${q.key}: ${q.prompt}` } : { value };
      };
      const result = await runSession({ input, hosts: session.hosts, callOptions: session.callOptions, answer });
      const fatal = session.fatal();
      if (fatal) throw fatal;
      warnings.push(...secretLeaks(result.transcript, secretsOf({ connection: input.connection, transcript: result.transcript })));
      const dirs = Object.fromEntries(plugins.map((p) => [p.role, p.info.dir]));
      const fresh = redact(withPluginPaths({ ...recording, input: given, steps: stepsOf(result.transcript), outcome: orderedOutcome(result.outcome) }, dirs));
      return { loaded, fresh, differences: compareRecordings(recording, fresh, options.ignore), warnings, durationMs: performance.now() - started };
    } finally {
      await session.close();
    }
  } finally {
    for (const plugin of plugins) await plugin.info.cleanup();
  }
}
