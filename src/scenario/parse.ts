/** Reads scenario files: YAML documents, validated, with paths resolved and connection defaults applied. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import { dataOf, syntaxError } from '../yaml-input.js';
import { caseName, combinations, MAX_CASES, substitute, type MatrixValues } from './matrix.js';
import type { EnvChoice } from '../host/plugin-env.js';
import { InputFileError, readInputFile } from '../errors.js';
import type { NetworkMode } from '../protocol/host.js';
import type { Connection, CredentialKind, Target } from '../protocol/session.js';
import { defaultConnection, parseUsername } from './connection.js';
import { fieldName, LineCounter, lineOf, schemaError, type FieldPath } from './locate.js';
import { scenarioSchema, type Answer, type Expectation, type ScenarioDocument } from './schema.js';

export type AnswerBook = Record<string, Answer | Answer[]>;

export interface PluginSource {
  /** Absolute path of the plugin directory or zip. */
  path: string;
  /** Undefined: use the plugin's default.cfg, as SPS shows it for a new policy. */
  configuration?: string;
}

export interface Scenario {
  /** The file as the user named it (relative paths stay relative, for messages). */
  file: string;
  /** 1-based line where this scenario's document starts. */
  line: number;
  /** Position of the document in its file. */
  index: number;
  name: string;
  plugin: PluginSource;
  credentialStore?: PluginSource & { credentials?: CredentialKind };
  /** What a credential store under test on its own is asked for. */
  credentials?: CredentialKind;
  passwordFallback?: 'prompt' | 'none';
  connection: Connection;
  answers: AnswerBook;
  target: Target;
  expect: Expectation;
  python?: string;
  /** What of the environment the plugin sees beside the minimum. */
  env?: EnvChoice;
  timeoutMs?: number;
  network?: NetworkMode;
  maxQuestions?: number;
  recording?: string;
  ignore: string[];
  /** The values of this case, when the scenario has a `matrix:`. */
  matrix?: MatrixValues;
  /** Line of a field in this scenario's document, for annotations. */
  lineOf(path: FieldPath): number | undefined;
}

function resolveConfiguration(
  baseDir: string,
  ref: { configuration?: string; configuration_file?: string },
  fail: (path: FieldPath, problem: string) => InputFileError,
  path: FieldPath,
): string | undefined {
  if (ref.configuration !== undefined && ref.configuration_file !== undefined) {
    throw fail([...path, 'configuration_file'], 'give configuration or configuration_file, not both');
  }
  if (ref.configuration_file === undefined) return ref.configuration;
  try {
    return readFileSync(resolve(baseDir, ref.configuration_file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw fail([...path, 'configuration_file'], `cannot read ${ref.configuration_file}: ${code}`);
  }
}

function buildConnection(doc: ScenarioDocument): Connection {
  const given = doc.connection ?? {};
  const protocol = given.protocol ?? 'ssh';
  const { username, key_value_pairs, ...fields } = given;
  const connection: Connection = { ...defaultConnection(protocol), ...fields, protocol };
  if (given.session_id === undefined) connection.session_id = `${protocol}-example-1`;
  if (username !== undefined) {
    const parsed = parseUsername(protocol, username);
    connection.server_username = given.server_username ?? parsed.server_username;
    if (parsed.server_domain !== undefined) connection.server_domain = given.server_domain ?? parsed.server_domain;
    connection.key_value_pairs = { ...parsed.key_value_pairs };
  }
  connection.key_value_pairs = { ...connection.key_value_pairs, ...(key_value_pairs ?? {}) };
  return connection;
}

/** The scenarios of one document: itself, or one per combination of its `matrix:`. */
function toScenarios(file: string, doc: Document, lines: LineCounter, index: number): Scenario[] {
  const data = dataOf(file, doc);
  const matrix = (data as { matrix?: unknown } | null)?.matrix;
  if (matrix === undefined) return [toScenario(file, doc, lines, index, data)];
  const checked = scenarioSchema.shape.matrix.safeParse(matrix);
  if (!checked.success) throw schemaError(file, doc, lines, checked.error.issues.map((issue) => ({ ...issue, path: ['matrix', ...issue.path] })));
  const cases = combinations(checked.data!);
  if (cases.length > MAX_CASES) {
    throw new InputFileError(file, lineOf(doc, lines, ['matrix']), 'matrix', `${cases.length} combinations; more than ${MAX_CASES} from one scenario is surely a mistake`);
  }
  const { matrix: _matrix, ...template } = data as Record<string, unknown>;
  return cases.map((values) => {
    const filled = substitute(template, values) as Record<string, unknown>;
    return { ...toScenario(file, doc, lines, index, { ...filled, name: caseName(String(template.name ?? ''), values) }), matrix: values };
  });
}

function toScenario(file: string, doc: Document, lines: LineCounter, index: number, data: unknown): Scenario {
  const fail = (path: FieldPath, problem: string): InputFileError =>
    new InputFileError(file, lineOf(doc, lines, path), fieldName(path) || undefined, problem);
  const checked = scenarioSchema.safeParse(data);
  if (!checked.success) throw schemaError(file, doc, lines, checked.error.issues);
  const s = checked.data;
  const baseDir = dirname(resolve(file));
  const scenario: Scenario = {
    file,
    line: lineOf(doc, lines, []) ?? 1,
    index,
    name: s.name,
    plugin: { path: resolve(baseDir, s.plugin) },
    connection: buildConnection(s),
    answers: s.answers ?? {},
    target: s.target ?? {},
    expect: s.expect ?? {},
    ignore: s.ignore ?? [],
    lineOf: (path) => lineOf(doc, lines, path),
  };
  const configuration = resolveConfiguration(baseDir, s, fail, []);
  if (configuration !== undefined) scenario.plugin.configuration = configuration;
  if (s.credential_store) {
    const cs = s.credential_store;
    scenario.credentialStore = { path: resolve(baseDir, cs.plugin), ...(cs.credentials ? { credentials: cs.credentials } : {}) };
    const csConfiguration = resolveConfiguration(baseDir, cs, fail, ['credential_store']);
    if (csConfiguration !== undefined) scenario.credentialStore.configuration = csConfiguration;
  }
  if (s.python !== undefined) scenario.python = s.python.includes('/') ? resolve(baseDir, s.python) : s.python;
  if (s.env !== undefined || s.pass_env !== undefined) scenario.env = { values: s.env ?? {}, pass: s.pass_env ?? [] };
  if (s.credentials !== undefined) scenario.credentials = s.credentials;
  if (s.password_fallback !== undefined) scenario.passwordFallback = s.password_fallback;
  if (s.timeout !== undefined) scenario.timeoutMs = s.timeout * 1000;
  if (s.network !== undefined) scenario.network = s.network;
  if (s.max_questions !== undefined) scenario.maxQuestions = s.max_questions;
  if (s.recording !== undefined) scenario.recording = resolve(baseDir, s.recording);
  return scenario;
}

/** All scenarios of one file, in order. Throws InputFileError naming the file, line and field. */
export function parseScenarioText(file: string, text: string): Scenario[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(docs)) return [];
  const scenarios: Scenario[] = [];
  for (const [index, doc] of docs.entries()) {
    const invalid = syntaxError(file, doc, lines);
    if (invalid) throw invalid;
    if (doc.contents === null) continue;
    scenarios.push(...toScenarios(file, doc, lines, index));
  }
  const seen = new Set<string>();
  for (const s of scenarios) {
    if (seen.has(s.name)) throw new InputFileError(file, s.lineOf(['name']), 'name', `two scenarios are named "${s.name}"`);
    seen.add(s.name);
  }
  return scenarios;
}

export function readScenarioFile(file: string): Scenario[] {
  return parseScenarioText(file, readInputFile(file));
}

