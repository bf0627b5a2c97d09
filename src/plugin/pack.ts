/**
 * The zip SPS uploads: the plugin's files at the root (not its folder), MANIFEST first, without
 * what only a developer's checkout holds (caches, version control, editor files, sps-tui's own
 * scenarios and recordings).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { ZipFile } from 'yazl';
import { MANIFEST_FILE } from './manifest.js';

/** Names never packed, at any depth. */
const SKIPPED_NAMES = new Set(['__pycache__', 'node_modules', 'Thumbs.db']);
/** Folders of the plugin's root that belong to its development, not to SPS. */
const SKIPPED_ROOT = new Set(['scenarios', 'recordings', 'coverage', 'dist', 'package.json', 'package-lock.json']);
const SKIPPED_FILE = /(\.pyc|\.pyo|\.zip|~|\.swp|\.swo|\.orig|\.rej)$/;

/** Whether a path inside the plugin (with `/`) goes into the zip. */
export function packs(path: string): boolean {
  const parts = path.split('/');
  if (parts.some((part) => part.startsWith('.') || SKIPPED_NAMES.has(part))) return false;
  if (SKIPPED_ROOT.has(parts[0]!)) return false;
  return !SKIPPED_FILE.test(parts.at(-1)!);
}

async function filesOf(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { recursive: true })) as string[];
  const files: string[] = [];
  for (const entry of entries.sort()) {
    const path = entry.split(sep).join('/');
    if (!packs(path)) continue;
    if ((await stat(join(dir, entry))).isFile()) files.push(path);
  }
  // MANIFEST first: SPS, and every reader that looks at the head of the zip, finds it at once.
  return [...files.filter((f) => f === MANIFEST_FILE), ...files.filter((f) => f !== MANIFEST_FILE)];
}

/** The zip's bytes and the files in it, in order. */
export async function packPlugin(dir: string): Promise<{ zip: Buffer; files: string[] }> {
  const files = await filesOf(dir);
  const zip = new ZipFile();
  // A fixed time, so the same plugin packs to the same bytes.
  const mtime = new Date('2000-01-01T00:00:00Z');
  for (const file of files) zip.addBuffer(await readFile(join(dir, file)), file, { mtime, mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return { zip: Buffer.concat(chunks), files };
}

