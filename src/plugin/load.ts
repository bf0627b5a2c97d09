/**
 * Loading a plugin as SPS receives it: a directory or a zip holding MANIFEST, main.py and
 * optionally default.cfg in its root. Unreadable input throws PluginInputError; everything
 * wrong with the plugin itself is a Finding.
 */
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Finding, PluginInfo } from '../protocol/plugin.js';
import { PluginInputError } from './errors.js';
import { digestFiles, listFiles } from './files.js';
import { MANIFEST_FILE, parseManifest, type ManifestResult } from './manifest.js';
import { DEFAULT_ZIP_LIMITS, extractZip, type ZipLimits } from './zip.js';

export const DEFAULT_CONFIG_FILE = 'default.cfg';
export const MAIN_FILE = 'main.py';

export interface PluginLimits extends ZipLimits {
  /** SPS accepts a default.cfg of at most 10 KiB. */
  maxDefaultCfgBytes: number;
}

export const DEFAULT_LIMITS: PluginLimits = { ...DEFAULT_ZIP_LIMITS, maxDefaultCfgBytes: 10 * 1024 };

export interface LoadOptions {
  /** Lower limits for tests. */
  limits?: Partial<PluginLimits>;
  /** Where a zip's private temporary directory is created (default: the OS temp dir). */
  tempDir?: string;
}

export type LoadResult = { ok: true; plugin: PluginInfo } | { ok: false; findings: Finding[] };

/** Everything read from a plugin, problems included; check.ts goes on from here. */
export interface PluginReading {
  source: string;
  dir: string;
  files: string[];
  findings: Finding[];
  manifest?: ManifestResult;
  /** main.py, when it exists: the file the Python host imports. */
  entryFile?: string;
  /** Set when there are no findings. */
  plugin?: PluginInfo;
  cleanup(): Promise<void>;
}

/**
 * Loads a plugin directory or zip. On success the caller owns the plugin and must call
 * `plugin.cleanup()`; on findings the temporary directory is already gone.
 */
export async function loadPlugin(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  const reading = await readPlugin(path, options);
  if (reading.plugin) return { ok: true, plugin: reading.plugin };
  await reading.cleanup();
  return { ok: false, findings: reading.findings };
}

/** Reads and statically checks a plugin; the caller must call `cleanup()` (or own `plugin`). */
export async function readPlugin(path: string, options: LoadOptions = {}): Promise<PluginReading> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new PluginInputError(path, err.code === 'ENOENT' ? 'does not exist' : `cannot be read (${err.message})`, { cause: err });
  });
  if (info.isDirectory()) return readDirectory(path, 'dir', resolve(path), async () => {}, limits);
  if (!info.isFile()) throw new PluginInputError(path, 'is neither a plugin directory nor a zip file');

  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'sps-tui-plugin-'));
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    await chmod(dir, 0o700);
    const refused = await extractZip(path, path, dir, limits);
    if (refused.length > 0) return { source: path, dir, files: [], findings: refused, cleanup };
    return await readDirectory(path, 'zip', dir, cleanup, limits);
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function readDirectory(
  source: string,
  kind: 'dir' | 'zip',
  dir: string,
  cleanup: () => Promise<void>, limits: PluginLimits): Promise<PluginReading> {
  const listing = await listFiles(dir).catch((err: Error) => {
    throw new PluginInputError(source, `cannot be read (${err.message})`, { cause: err });
  });
  const { files } = listing;
  const findings = [...listing.findings];
  const reading: PluginReading = { source, dir, files, findings, cleanup };
  const has = new Set(files);

  if (!has.has(MANIFEST_FILE)) {
    // SPS reads MANIFEST and main.py from the zip's root. A plugin zipped inside its folder
    // (`otp.zip` holding `otp/MANIFEST`) is a common mistake: name it rather than listing
    // every file as missing. (A macOS `__MACOSX/` folder is never the plugin.)
    const nested = files.find((f) => /^[^/]+\/MANIFEST$/.test(f) && !f.startsWith('__MACOSX/'));
    if (nested) {
      const folder = nested.slice(0, nested.indexOf('/') + 1);
      const fix = kind === 'dir' ? `use ${folder} as the plugin directory` : "zip the folder's contents, not the folder";
      findings.push({ file: nested, message: `MANIFEST must be in the plugin's root, found in ${folder} (${fix})` });
      return reading;
    }
    findings.push({ file: MANIFEST_FILE, message: "missing: a plugin needs a MANIFEST in its root" });
  } else {
    const text = decodeUtf8(await readFile(join(dir, MANIFEST_FILE)));
    if (typeof text !== 'string') {
      findings.push({ file: MANIFEST_FILE, line: text.line, message: 'is not valid UTF-8' });
    } else {
      reading.manifest = parseManifest(text);
      findings.push(...reading.manifest.findings);
    }
  }

  // SPS's plugins all keep their code in main.py (the contract requires it), and the Python
  // host imports main.py: an entry_point naming another file is reported, not followed.
  if (has.has(MAIN_FILE)) reading.entryFile = MAIN_FILE;
  else findings.push({ file: MAIN_FILE, message: "missing: the plugin's code must be in main.py in its root" });
  const entryPoint = reading.manifest?.entryPoint;
  if (entryPoint !== undefined && entryPoint !== MAIN_FILE) {
    const line = reading.manifest?.keyLines['entry_point'];
    const missing = has.has(entryPoint) ? '' : ` (and there is no ${entryPoint})`;
    findings.push({ file: MANIFEST_FILE, line, message: `entry_point ${entryPoint}: sps-tui runs main.py only${missing}` });
  }

  let defaultConfiguration: string | undefined;
  if (has.has(DEFAULT_CONFIG_FILE)) {
    const bytes = await readFile(join(dir, DEFAULT_CONFIG_FILE));
    const text = decodeUtf8(bytes);
    if (bytes.length > limits.maxDefaultCfgBytes) {
      findings.push({
        file: DEFAULT_CONFIG_FILE,
        message: `is ${bytes.length} bytes; SPS accepts at most ${limits.maxDefaultCfgBytes} bytes (${limits.maxDefaultCfgBytes / 1024} KiB)`,
      });
    }
    if (typeof text === 'string') defaultConfiguration = text;
    else findings.push({ file: DEFAULT_CONFIG_FILE, line: text.line, message: 'is not valid UTF-8' });
  }

  const manifest = reading.manifest?.manifest;
  if (findings.length === 0 && manifest) {
    reading.plugin = {
      source,
      dir,
      manifest,
      defaultConfiguration,
      files,
      sha256: await digestFiles(dir, files),
      cleanup,
    };
  }
  return reading;
}

/** The text, or the 1-based line of the first byte sequence that is not UTF-8. */
function decodeUtf8(bytes: Buffer): string | { line: number } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      const chunk = bytes.subarray(start, end === -1 ? bytes.length : end);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(chunk);
      } catch {
        return { line };
      }
      if (end === -1) return { line };
      start = end + 1;
    }
  }
}
