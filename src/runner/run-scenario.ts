/** Runs one scenario headless: load its plugins, start their hosts, play the session, check `expect:`. */
import type { SessionInput } from '../engine/context.js';
import { InputFileError } from '../errors.js';
import { resolvePython } from '../host/python-host.js';
import type { AnswerReply, AskedQuestion, RunSessionOptions } from '../engine/run-session.js';
import type { PluginInfo } from '../protocol/plugin.js';
import type { Outcome, PluginRole, TranscriptEvent } from '../protocol/session.js';
import { checkExpectations, type Mismatch } from '../scenario/expect.js';
import type { Scenario } from '../scenario/parse.js';
import type { EnvChoice } from '../host/plugin-env.js';
import type { SharedHosts } from './host-options.js';
import { bookAnswers } from './answers.js';
import { loadForRole, playOnHosts, type HostOptions, type LoadedPlugin } from './plugins.js';

export interface ScenarioRun {
  scenario: Scenario;
  plugins: Partial<Record<PluginRole, PluginInfo>>;
  input: SessionInput;
  outcome: Outcome;
  transcript: TranscriptEvent[];
  mismatches: Mismatch[];
  durationMs: number;
  /** [stand-in, placeholder] of secrets served from a recording in place of a service's (see record/traffic). */
  standIns: Array<[string, string]>;
}

export interface ScenarioRunOptions extends HostOptions {
  /** Overrides the scenario's answers (the keyboard, or a recording's answers). */
  answer?: (question: AskedQuestion) => AnswerReply | Promise<AnswerReply>;
  /** Called once the plugins are loaded, before the first hook runs (front ends draw the header). */
  onStart?: (plugins: LoadedPlugin[], input: SessionInput) => void;
  onSnapshot?: RunSessionOptions['onSnapshot'];
  onLog?: RunSessionOptions['onLog'];
  beforeCall?: RunSessionOptions['beforeCall'];
  signal?: AbortSignal;
}

export async function loadScenarioPlugins(scenario: Scenario, pool?: SharedHosts): Promise<LoadedPlugin[]> {
  const main = await loadForRole(scenario.plugin.path, scenario.plugin.configuration, undefined, pool);
  const plugins = [main];
  if (scenario.credentialStore) {
    if (main.role === 'credentialstore') {
      await main.info.cleanup();
      throw new InputFileError(scenario.file, scenario.lineOf(['credential_store']), 'credential_store', 'plugin: is a credential store already, and a session has one credential store');
    }
    plugins.push(await loadForRole(scenario.credentialStore.path, scenario.credentialStore.configuration, 'credentialstore', pool));
  }
  return plugins;
}

export function sessionInputFor(scenario: Scenario, plugins: LoadedPlugin[]): SessionInput {
  const input: SessionInput = {
    connection: scenario.connection,
    target: scenario.target,
    credentialKind: scenario.credentialStore?.credentials ?? scenario.credentials ?? 'password',
  };
  if (scenario.passwordFallback) input.passwordFallback = scenario.passwordFallback;
  for (const plugin of plugins) input[plugin.role] = plugin.slot;
  if (scenario.maxQuestions !== undefined) input.maxQuestions = scenario.maxQuestions;
  return input;
}

/** The interpreter a scenario runs under: --python, else the one the scenario names, else the default. */
export const scenarioPython = (scenario: Scenario, flag: string | undefined): string => resolvePython(flag ?? scenario.python);

/** The scenario's env: and the command line's --pass-env / --inherit-env together. */
const mergedEnv = (scenario: EnvChoice, flags: EnvChoice | undefined): EnvChoice => ({
  values: scenario.values ?? {},
  pass: [...(scenario.pass ?? []), ...(flags?.pass ?? [])],
  ...(flags?.inherit ? { inherit: true } : {}),
});

/** Failures no `expect:` can excuse: an unanswered question, or an error nobody expected. */
function sessionProblems(scenario: Scenario, outcome: Outcome): Mismatch[] {
  const error = outcome.error;
  if (error?.kind === 'unanswered') return [{ field: 'answers', expected: 'an answer', actual: null, note: error.message }];
  if (outcome.verdict === 'ERROR' && scenario.expect.verdict === undefined) {
    return [{ field: 'expect.verdict', expected: 'no error', actual: 'ERROR', note: `the session failed: ${error?.message ?? 'unknown error'}` }];
  }
  return [];
}

export async function runScenario(scenario: Scenario, options: ScenarioRunOptions = {}): Promise<ScenarioRun> {
  const started = performance.now();
  const plugins = await loadScenarioPlugins(scenario, options.pool);
  const input = sessionInputFor(scenario, plugins);
  options.onStart?.(plugins, input);
  const hostOptions: HostOptions = {
    ...options,
    python: scenarioPython(scenario, options.python),
    ...(scenario.timeoutMs && !options.timeoutMs ? { timeoutMs: scenario.timeoutMs } : {}),
    ...(scenario.env ? { env: mergedEnv(scenario.env, options.env) } : {}),
    ...(options.instruments?.coverageDataDir ? { coverageContext: `${scenario.file} > ${scenario.name}` } : {}),
  };
  const result = await playOnHosts(plugins, input, hostOptions, {
    answer: options.answer ?? bookAnswers(scenario.answers),
    ...(options.onSnapshot ? { onSnapshot: options.onSnapshot } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
    ...(options.beforeCall ? { beforeCall: options.beforeCall } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return {
    scenario,
    plugins: Object.fromEntries(plugins.map((p) => [p.role, p.info])),
    input,
    ...result,
    mismatches: [...sessionProblems(scenario, result.outcome), ...checkExpectations(scenario.expect, result)],
    durationMs: performance.now() - started,
    standIns: options.traffic?.standIns ?? [],
  };
}
