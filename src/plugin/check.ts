/**
 * `sps-tui check`: the static checks of load.ts, then what Python finds by importing main.py
 * (the Plugin class, its constructor, the hooks its type needs), then the API level.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectPlugin } from '../host/python-host.js';
import type { PluginIntrospection } from '../protocol/host.js';
import { REQUIRED_HOOKS, type Finding, type PluginInfo, type PluginType } from '../protocol/plugin.js';
import { apiAccepts, parseApiLevel } from './api-level.js';
import { readPlugin, type LoadOptions } from './load.js';
import { MANIFEST_FILE } from './manifest.js';

export interface CheckOptions extends LoadOptions {
  /** The appliance's plugin API level (`--api 1.8`): the MANIFEST's api must be accepted by it. */
  api?: string;
  /** The Python interpreter to import main.py with. */
  python?: string;
  /** The appliance's Python (`--python-version 3.6`, the guides' pluginwrapper3): syntax and modules newer than it are warnings. */
  pythonVersion?: string;
}

/** The Python the guides name for pluginwrapper3 plugins. */
export const APPLIANCE_PYTHON = '3.6';

/** `3.6` as [3, 6]; a RangeError for anything else. */
export function parsePythonVersion(text: string): [number, number] {
  const m = /^3\.(\d{1,2})$/.exec(text);
  if (!m) throw new RangeError(`Python version "${text}" is not 3.<minor>, e.g. 3.6`);
  return [3, Number(m[1])];
}

const SHEBANG = '#!/usr/bin/env pluginwrapper3';

export interface CheckResult {
  findings: Finding[];
  /**
   * Present when the static checks passed (findings may still come from Python). The caller
   * owns it and must call `plugin.cleanup()`; without it the temporary files are already gone.
   */
  plugin?: PluginInfo;
  /** The version of the interpreter that imported main.py, when it ran. */
  pythonVersion?: string;
}

/**
 * Checks a plugin directory or zip. Throws PluginInputError when the input cannot be read and
 * the host's error when the interpreter cannot be started; everything else is a finding.
 */
export async function checkPlugin(path: string, options: CheckOptions = {}): Promise<CheckResult> {
  if (options.api !== undefined && !parseApiLevel(options.api)) {
    throw new RangeError(`appliance API level "${options.api}" is not <major>.<minor>`);
  }
  const reading = await readPlugin(path, options);
  try {
    const findings = [...reading.findings];
    const manifest = reading.manifest;
    if (options.api !== undefined && manifest?.api !== undefined && !apiAccepts(options.api, manifest.api)) {
      const { major, minor } = parseApiLevel(options.api)!;
      findings.push({
        file: MANIFEST_FILE,
        line: manifest.keyLines['api'],
        message: `api ${manifest.api} is not accepted by plugin API ${options.api}: SPS accepts ${major}.0 to ${major}.${minor}`,
      });
    }
    let pythonVersion: string | undefined;
    if (reading.entryFile !== undefined) {
      const target = parsePythonVersion(options.pythonVersion ?? APPLIANCE_PYTHON);
      const introspection = await inspectPlugin(reading.dir, { python: options.python, target });
      pythonVersion = introspection.pythonVersion;
      const text = await readFile(join(reading.dir, reading.entryFile), 'utf8').catch(() => '');
      if (manifest?.entryPoint !== undefined && !text.startsWith(`${SHEBANG}\n`) && !text.startsWith(`${SHEBANG}\r\n`)) {
        // MANIFEST's entry_point makes it a Python 3 plugin, which SPS starts through that line.
        findings.push({ file: reading.entryFile, line: 1, severity: 'warning', message: `the first line is not "${SHEBANG}", which the guides ask of a Python 3 plugin` });
      }
      const found = introspectionFindings(introspection, reading.entryFile, manifest?.type, classLine(text));
      // A warning on a line that already failed (the module is missing here too) says nothing new.
      const compat = (introspection.compat ?? []).filter((w) => !found.some((f) => f.file === w.file && f.line === w.line));
      findings.push(...found, ...compat);
    }
    if (!reading.plugin) await reading.cleanup();
    return { findings, plugin: reading.plugin, pythonVersion };
  } catch (err) {
    await reading.cleanup();
    throw err;
  }
}

/** SPS ships the Plugin SDK; a local interpreter has it only when someone installed it. */
const SDK_HINT = 'SPS provides the Plugin SDK, install oneidentity-safeguard-sessions-plugin-sdk into this Python';

/** What the import of main.py says, as findings on `file`. */
export function introspectionFindings(
  found: PluginIntrospection,
  file: string,
  type: PluginType | undefined,
  classLine?: number,
): Finding[] {
  if (found.error) {
    // The host's messages start with "main.py …"; the finding already says where.
    let message = found.error.message.replace(/^main\.py /, '');
    if (/No module named '(safeguard|safeguard\.sessions)(\.|')/.test(message)) message += `; ${SDK_HINT}`;
    return [{ file, line: found.error.line, message }];
  }
  if (!found.hasPluginClass) return [{ file, message: 'defines no Plugin class' }];
  const findings: Finding[] = [];
  if (!found.constructorTakesConfiguration) {
    findings.push({
      file,
      line: classLine,
      message: 'Plugin(configuration) fails: __init__ must accept the configuration string (def __init__(self, configuration=""))',
    });
  }
  if (type === undefined) return findings;
  const { all, oneOf } = REQUIRED_HOOKS[type];
  const required = [...all, ...(oneOf.length > 0 ? [oneOf.join(' or ')] : [])].join(', ');
  const needs = `${type === 'aa' ? 'an' : 'a'} ${type} plugin needs ${required}`;
  for (const hook of all) {
    if (!(hook in found.hooks)) {
      findings.push({ file, line: classLine, message: `Plugin has no ${hook} method (${needs})` });
    }
  }
  if (oneOf.length > 0 && !oneOf.some((hook) => hook in found.hooks)) {
    findings.push({
      file,
      line: classLine,
      message: `Plugin has neither ${oneOf.join(' nor ')} (${needs})`,
    });
  }
  return findings;
}

/** The line of `class Plugin` in the entry file's text, when it is defined there. */
function classLine(text: string): number | undefined {
  const index = text.split('\n').findIndex((line) => /^class\s+Plugin\b/.test(line));
  return index === -1 ? undefined : index + 1;
}
