/**
 * Python libraries sps-tui itself needs inside the plugin's interpreter (vcrpy for HTTP recording,
 * coverage.py, debugpy). They are pinned per Python version, installed with `pip install --target`
 * into a cache of sps-tui's own (never the user's environment) and appended to the child's
 * sys.path after the plugin's own paths, so the plugin's packages win.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isCI } from '../ci.js';
import { ExitCode, UserError } from '../errors.js';
import { PythonNotFoundError } from './python-errors.js';

const run = promisify(execFile);

export type HelperName = 'vcrpy' | 'coverage' | 'debugpy';

/** Exact requirement lines for a range of Python minor versions, installed together with --no-deps. */
interface Pin {
  /** Lowest and highest Python 3 minor version this set installs on. */
  minors: [number, number];
  requirements: string[];
}

/**
 * Installed with --no-deps, so each set lists every dependency: pip must not pull a urllib3 or a
 * requests that the plugin's interpreter would then see. Each set was checked with
 * `pip download --only-binary=:all: --python-version X` for every minor in its range.
 */
export const PINS: Record<HelperName, Pin[]> = {
  vcrpy: [
    { minors: [6, 7], requirements: ['vcrpy==4.1.1', 'wrapt==1.16.0', 'PyYAML==6.0.1', 'six==1.16.0', 'yarl==1.7.2', 'multidict==5.2.0', 'idna==3.4', 'typing_extensions==4.1.1'] },
    { minors: [8, 8], requirements: ['vcrpy==5.1.0', 'wrapt==1.16.0', 'PyYAML==6.0.1', 'yarl==1.9.4', 'multidict==6.0.5', 'idna==3.7'] },
    { minors: [9, 10], requirements: ['vcrpy==7.0.0', 'wrapt==1.17.2', 'PyYAML==6.0.2', 'yarl==1.9.4', 'multidict==6.0.5', 'idna==3.7'] },
    { minors: [11, 13], requirements: ['vcrpy==9.4.2', 'wrapt==1.17.2', 'PyYAML==6.0.2'] },
    { minors: [14, 14], requirements: ['vcrpy==9.4.2', 'wrapt==1.17.3', 'PyYAML==6.0.3'] },
  ],
  coverage: [
    { minors: [6, 6], requirements: ['coverage==6.2'] },
    { minors: [7, 7], requirements: ['coverage==7.2.7'] },
    { minors: [8, 8], requirements: ['coverage==7.6.1'] },
    { minors: [9, 9], requirements: ['coverage==7.10.7'] },
    { minors: [10, 10], requirements: ['coverage==7.16.2'] },
    { minors: [11, 14], requirements: ['coverage==7.18.0'] },
  ],
  debugpy: [
    { minors: [6, 6], requirements: ['debugpy==1.5.1'] },
    { minors: [7, 7], requirements: ['debugpy==1.7.0'] },
    { minors: [8, 9], requirements: ['debugpy==1.8.21'] },
    { minors: [10, 14], requirements: ['debugpy==1.8.22'] },
  ],
};

/** $SPS_TUI_HELPERS_DIR, else $XDG_CACHE_HOME/sps-tui/helpers, else ~/.cache/sps-tui/helpers. */
export function helperRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SPS_TUI_HELPERS_DIR) return env.SPS_TUI_HELPERS_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sps-tui', 'helpers');
}

export class HelperMissingError extends UserError {
  override name = 'HelperMissingError';
}

const versions = new Map<string, Promise<string>>();

/** `3.11`: the interpreter's major.minor, asked once per interpreter and process. */
export function pythonMinor(python: string): Promise<string> {
  let version = versions.get(python);
  if (!version) {
    version = run(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']).then(
      ({ stdout }) => stdout.trim(),
      (error: NodeJS.ErrnoException) => {
        // Not remembered: the user may install the interpreter while a watch session runs.
        versions.delete(python);
        throw error.code === 'ENOENT' ? PythonNotFoundError.missing(python) : PythonNotFoundError.missing(python, `cannot be run (${error.code ?? error.message})`);
      },
    );
    versions.set(python, version);
  }
  return version;
}

export function pinFor(name: HelperName, minorVersion: string): Pin | undefined {
  const [major, minor] = minorVersion.split('.').map(Number);
  if (major !== 3) return undefined;
  return PINS[name].find((pin) => minor! >= pin.minors[0] && minor! <= pin.minors[1]);
}

/** `<root>/py3.11/vcrpy-9.4.2`: one directory per helper, pinned version and Python version. */
export function helperDir(name: HelperName, minorVersion: string, pin: Pin, root = helperRoot()): string {
  const top = pin.requirements.find((r) => r.toLowerCase().startsWith(`${name}==`)) ?? pin.requirements[0]!;
  return join(root, `py${minorVersion}`, top.replace('==', '-'));
}

export const installCommand = (python: string): string => `sps-tui helpers install --python ${python}`;

const COMPLETE = '.sps-tui-complete';

export interface EnsureOptions {
  /** Install what is missing; default: not under CI (where a missing helper is an error naming the command). */
  install?: boolean;
  /** Told before a download starts, so a first run does not look hung. */
  onInstall?: (message: string) => void;
}

/** The directories to append to the plugin's sys.path for these helpers, installing them on first need. */
export async function ensureHelpers(python: string, names: HelperName[], options: EnsureOptions = {}): Promise<string[]> {
  const minorVersion = await pythonMinor(python);
  const dirs: string[] = [];
  for (const name of names) {
    const pin = pinFor(name, minorVersion);
    if (!pin) throw new HelperMissingError(`sps-tui has no ${name} for Python ${minorVersion} (${python})`, 'run the plugin under Python 3.6 or newer', ExitCode.pluginStart);
    const dir = helperDir(name, minorVersion, pin);
    if (!existsSync(join(dir, COMPLETE))) {
      if (!(options.install ?? !isCI())) {
        throw new HelperMissingError(
          `${name} for Python ${minorVersion} is not installed in sps-tui's helper cache (${helperRoot()})`,
          `install it once with: ${installCommand(python)}`,
          ExitCode.pluginStart,
        );
      }
      options.onInstall?.(`installing ${pin.requirements[0]} for Python ${minorVersion} into ${dir} (once)`);
      await install(python, pin, dir);
    }
    dirs.push(dir);
  }
  return dirs;
}

/** Into a temporary directory beside the target, renamed when complete: a killed install leaves nothing half-made. */
async function install(python: string, pin: Pin, dir: string): Promise<void> {
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '--no-deps', '--target', partial, ...pin.requirements], {
      env: { ...process.env, PIP_NO_WARN_SCRIPT_LOCATION: '1', PIP_ROOT_USER_ACTION: 'ignore' },
      maxBuffer: 16 * 1024 * 1024,
    });
    await writeFile(join(partial, COMPLETE), `${pin.requirements.join('\n')}\n`);
    // Another sps-tui (a parallel test worker) may have finished the same install first: theirs will do.
    if (existsSync(join(dir, COMPLETE))) return void (await rm(partial, { recursive: true, force: true }));
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir).catch(async (error: unknown) => {
      if (!existsSync(join(dir, COMPLETE))) throw error;
      await rm(partial, { recursive: true, force: true });
    });
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join('\n') || String(error);
    throw new HelperMissingError(
      `could not install ${pin.requirements.join(' ')} for ${python}:\n${detail}`,
      `sps-tui needs pip and the network (PyPI) once; then run: ${installCommand(python)}`,
      ExitCode.pluginStart,
    );
  }
}
