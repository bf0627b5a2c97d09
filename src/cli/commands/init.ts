/** `sps-tui init <folder>`: a plugin a first-time author can run at once, with scenarios and CI. */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { ExitCode, UserError } from '../../errors.js';
import { initFiles, type InitChoices } from '../../init/templates.js';
import { parseApiLevel } from '../../plugin/api-level.js';
import { writeFileAtomic } from '../../record/atomic.js';
import type { PluginType } from '../../protocol/plugin.js';

export interface InitFlags {
  type?: string;
  sdk?: boolean;
  api?: string;
}

/** `my-mfa` becomes `my_mfa`: MANIFEST names are a letter, then letters, digits or `_`. */
export function pluginName(folder: string): string {
  const name = basename(resolve(folder)).replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(name)) throw new UserError(`"${basename(folder)}" cannot name a plugin: the name must start with a letter`);
  return name;
}

const TYPES: Record<string, PluginType> = { aa: 'aa', credentialstore: 'credentialstore', cs: 'credentialstore' };

/** What a person at a terminal is asked when a flag is missing; without a terminal a missing flag is an error. */
async function askMissing(flags: InitFlags): Promise<InitFlags> {
  if (flags.type) return flags;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError('--type is missing', 'give --type aa or --type credentialstore (init asks only at a terminal)');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const type = (await rl.question('Plugin type, aa or credentialstore? [aa] ')).trim() || 'aa';
    const sdk = flags.sdk ?? /^y/i.test((await rl.question("On One Identity's Plugin SDK? [y/N] ")).trim());
    return { ...flags, type, sdk };
  } finally {
    rl.close();
  }
}

export async function initCommand(folder: string, given: InitFlags): Promise<number> {
  const name = pluginName(folder);
  if (existsSync(folder) && readdirSync(folder).length > 0) throw new UserError(`${folder} exists and is not empty`, 'init writes a new plugin into an empty or new folder');
  const flags = await askMissing(given);
  const type = TYPES[flags.type ?? ''];
  if (!type) throw new UserError(`--type must be aa or credentialstore, not "${flags.type}"`);
  const sdk = flags.sdk === true;
  // AAResponse.deny with a reason for the user needs SDK 1.6 and the plugin API level that goes with it.
  const api = flags.api ?? (sdk ? '1.6' : '1.0');
  if (!parseApiLevel(api)) throw new UserError(`--api must be <major>.<minor>, e.g. 1.8 (got "${api}")`);
  const choices: InitChoices = { name, type, sdk, api };
  for (const [path, text] of Object.entries(initFiles(choices))) await writeFileAtomic(join(folder, path), text);
  const label = `${type === 'aa' ? 'an AA' : 'a credential store'} plugin${sdk ? ' on the Plugin SDK' : ''}`;
  process.stdout.write(
    [
      `created ${name}, ${label}, in ${folder}`,
      `  cd ${folder}`,
      `  npx sps-tui test${sdk ? '   (under a Python that has the SDK: --python or SPS_TUI_PYTHON)' : ''}`,
      '  npx sps-tui run scenarios/' + `${name}.yaml --ask-all`,
      '  npx sps-tui pack .',
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}
