/** Recordings on disk: YAML text in a stable form, read back with errors that name file, line and field. */
import { existsSync } from 'node:fs';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { dataOf, syntaxError } from '../yaml-input.js';
import { InputFileError, readInputFile, UserError } from '../errors.js';
import { fieldName, lineOf, schemaError } from '../scenario/locate.js';
import { writeFileAtomic } from './atomic.js';
import { toolName } from '../package-files.js';
import type { ScenarioRun } from '../runner/run-scenario.js';
import { READABLE_FORMATS, recordingFromRun, recordingSchema, type Recording } from './format.js';
import { redact, revealServed } from './redact.js';
import { servedOf } from './traffic.js';
import { secretsOf } from '../engine/secrets.js';

/** The recording of a finished session as it goes to disk: redacted unless secrets were asked for. */
export function recordingToWrite(run: ScenarioRun, file: string, recordSecrets: boolean): Recording {
  const recording = recordingFromRun(run, file, toolName(), recordSecrets);
  if (recordSecrets) return revealServed(recording, servedOf(run.transcript));
  return redact(recording, secretsOf({ connection: run.input.connection, transcript: run.transcript }), [...servedOf(run.transcript), ...run.standIns]);
}

const KEY_ORDER: Array<keyof Recording> = ['format', 'tool', 'name', 'source', 'plugins', 'python', 'input', 'ignore', 'secrets', 'steps', 'outcome'];

export function serializeRecording(recording: Recording): string {
  const ordered = Object.fromEntries(KEY_ORDER.filter((k) => recording[k] !== undefined).map((k) => [k, recording[k]]));
  // Block literals keep tracebacks and PEM keys readable; no line folding keeps diffs small.
  return stringify(ordered, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false });
}

export interface LoadedRecording {
  file: string;
  recording: Recording;
  /** Line of a field, for messages and annotations. */
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
}

export function parseRecording(file: string, text: string): LoadedRecording {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const invalid = syntaxError(file, doc, lines);
  if (invalid) throw invalid;
  const data = dataOf(file, doc);
  const at = (path: ReadonlyArray<string | number>, problem: string): InputFileError =>
    new InputFileError(file, lineOf(doc, lines, path), fieldName(path) || undefined, problem);
  const format = (data as { format?: unknown } | null)?.format;
  if (!READABLE_FORMATS.includes(format as number)) {
    throw at(['format'], `this is not a recording sps-tui can read (format ${JSON.stringify(format)}; this sps-tui reads formats ${READABLE_FORMATS.join(' and ')}): re-record it with this version, or use the sps-tui that wrote it`);
  }
  const checked = recordingSchema.safeParse(data);
  if (!checked.success) throw schemaError(file, doc, lines, checked.error.issues);
  return { file, recording: checked.data as unknown as Recording, lineOf: (path) => lineOf(doc, lines, path) };
}

export function readRecording(file: string): LoadedRecording {
  return parseRecording(file, readInputFile(file));
}

/** Atomic; an existing file is replaced only when `force` says so. */
export async function writeRecording(file: string, recording: Recording, options: { force?: boolean } = {}): Promise<void> {
  if (!options.force && existsSync(file)) throw new UserError(`${file} exists; pass --force to overwrite it`);
  await writeFileAtomic(file, serializeRecording(recording));
}
