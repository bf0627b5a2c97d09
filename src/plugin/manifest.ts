/**
 * MANIFEST: YAML 1.2, checked the way SPS's own `manifest.py` (Plugin SDK) checks it, with
 * every finding on the line of the offending key.
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import type { Finding, Manifest, PluginType } from '../protocol/plugin.js';
import { parseApiLevel } from './api-level.js';

export const MANIFEST_FILE = 'MANIFEST';

const REQUIRED_KEYS = ['name', 'description', 'version', 'type', 'api'] as const;
const PLUGIN_TYPES: readonly PluginType[] = ['aa', 'credentialstore'];
/** Types SPS knows but sps-tui does not run. */
const OTHER_SPS_TYPES = ['configuration_sync', 'signingca'];
/** SPS's manifest.py: `[a-zA-Z][a-zA-Z0-9_]+`, so at least two characters. */
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]+$/;
/** SPS's manifest.py: a file name in the plugin's root. */
const ENTRY_POINT_PATTERN = /^[A-Za-z0-9._-]+$/;

export interface ManifestResult {
  /** Set when the MANIFEST has no findings. */
  manifest?: Manifest;
  findings: Finding[];
  /** 1-based line of each top-level key, for findings raised later (e.g. `api` against `--api`). */
  keyLines: Record<string, number>;
  /** The `type` value when it is valid, even if other keys are not: hook checks still apply. */
  type?: PluginType;
  /** `entry_point` as written, when valid. */
  entryPoint?: string;
  /** `api` as written, when valid. */
  api?: string;
}

type TextValue = { ok: true; text: string } | { ok: false; problem: string } | { ok: 'empty' };

/** Parses and checks MANIFEST text. `file` is the name findings carry. */
export function parseManifest(source: string, file = MANIFEST_FILE): ManifestResult {
  const findings: Finding[] = [];
  const keyLines: Record<string, number> = {};
  const lineCounter = new LineCounter();
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const doc = parseDocument(text, { version: '1.2', lineCounter, uniqueKeys: true, prettyErrors: true });
  const lineAt = (offset: number): number => Math.max(1, lineCounter.linePos(offset).line);

  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const line = error.linePos?.[0].line ?? lineAt(error.pos[0]);
      findings.push({ file, line, message: `not valid YAML: ${firstLine(error.message)}` });
    }
    return { findings, keyLines };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    findings.push({ file, message: `empty: expected a YAML mapping with the keys ${REQUIRED_KEYS.join(', ')}` });
    return { findings, keyLines };
  }
  if (!isMap(contents)) {
    const line = contents.range ? lineAt(contents.range[0]) : undefined;
    findings.push({ file, line, message: `must be a YAML mapping of keys to values, found ${describeNode(contents)}` });
    return { findings, keyLines };
  }

  const values = new Map<string, TextValue>();
  for (const pair of contents.items as Pair[]) {
    const key = pair.key;
    if (!isScalar(key) || typeof key.value !== 'string') {
      const line = isScalar(key) && key.range ? lineAt(key.range[0]) : undefined;
      findings.push({ file, line, message: 'every key must be a plain name' });
      continue;
    }
    if (key.range) keyLines[key.value] = lineAt(key.range[0]);
    values.set(key.value, textValue(pair.value, text));
  }

  const at = (key: string): number | undefined => keyLines[key];
  const fields: Partial<Record<string, string>> = {};
  for (const key of REQUIRED_KEYS) {
    const value = values.get(key);
    if (value === undefined) findings.push({ file, message: `required key "${key}" is missing` });
    else if (value.ok === 'empty') findings.push({ file, line: at(key), message: `"${key}" is empty` });
    else if (!value.ok) findings.push({ file, line: at(key), message: `"${key}" ${value.problem}` });
    else fields[key] = value.text;
  }

  const { name, version, type, api } = fields;
  if (name !== undefined && !NAME_PATTERN.test(name)) {
    findings.push({
      file,
      line: at('name'),
      message: `name "${name}" must start with a letter followed by letters, digits or _ (at least 2 characters)`,
    });
  }
  if (version !== undefined && !/^[0-9]/.test(version)) {
    findings.push({ file, line: at('version'), message: `version "${version}" must begin with a digit` });
  }
  let validApi: string | undefined;
  let validType: PluginType | undefined;
  if (type !== undefined) {
    if ((PLUGIN_TYPES as readonly string[]).includes(type)) validType = type as PluginType;
    else {
      const note = OTHER_SPS_TYPES.includes(type) ? `; SPS knows ${type} plugins, sps-tui does not run them` : '';
      findings.push({ file, line: at('type'), message: `type "${type}" must be aa or credentialstore${note}` });
    }
  }
  if (api !== undefined) {
    if (parseApiLevel(api)) validApi = api;
    else findings.push({ file, line: at('api'), message: `api "${api}" must be <major>.<minor>, e.g. 1.8` });
  }

  let entryPoint: string | undefined;
  const entry = values.get('entry_point');
  if (entry === undefined) {
    findings.push({
      file,
      message:
        'no "entry_point": this is a legacy Python 2.6 plugin; sps-tui runs Python 3 plugins only ' +
        '(add "entry_point: main.py" once main.py runs on Python 3)',
    });
  } else if (entry.ok === 'empty') {
    findings.push({ file, line: at('entry_point'), message: '"entry_point" is empty' });
  } else if (!entry.ok) {
    findings.push({ file, line: at('entry_point'), message: `"entry_point" ${entry.problem}` });
  } else if (!ENTRY_POINT_PATTERN.test(entry.text)) {
    findings.push({
      file,
      line: at('entry_point'),
      message: `entry_point "${entry.text}" must be a file in the plugin's root: letters, digits, ".", "-" or "_" only`,
    });
  } else {
    entryPoint = entry.text;
  }

  const optional: Partial<Record<'scb_min_version' | 'scb_max_version', string>> = {};
  for (const key of ['scb_min_version', 'scb_max_version'] as const) {
    const value = values.get(key);
    if (value === undefined || value.ok === 'empty') continue;
    if (value.ok) optional[key] = value.text;
    else findings.push({ file, line: at(key), message: `"${key}" ${value.problem}` });
  }

  const result: ManifestResult = { findings, keyLines, type: validType, entryPoint, api: validApi };
  if (findings.length === 0 && name && version && validType && api && fields.description !== undefined) {
    result.manifest = {
      name,
      description: fields.description,
      version,
      type: validType,
      api,
      entryPoint,
      scbMinVersion: optional.scb_min_version,
      scbMaxVersion: optional.scb_max_version,
      raw: contents.toJSON() as Record<string, unknown>,
    };
  }
  return result;
}

/**
 * A scalar's text. Strings as parsed; numbers and booleans as written in the source, so that
 * `api: 1.10` is "1.10" (YAML would say 1.1) and `version: 2.0` is "2.0".
 */
function textValue(node: unknown, source: string): TextValue {
  if (node === null || node === undefined) return { ok: 'empty' };
  if (isScalar(node)) {
    if (node.value === null) return { ok: 'empty' };
    if (typeof node.value === 'string') return { ok: true, text: node.value };
    if (node.range) return { ok: true, text: source.slice(node.range[0], node.range[1]).trim() };
    return { ok: true, text: String(node.value) };
  }
  return { ok: false, problem: `must be a single value, found ${describeNode(node)}` };
}

function describeNode(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias';
  return 'a single value';
}

/** yaml's messages end with ` at line L, column C:` and a source excerpt; the line is reported separately. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
