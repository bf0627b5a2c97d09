/** The files of a plugin directory and the digest that identifies them. */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../protocol/plugin.js';

/**
 * Never part of a plugin: Python's byte-code caches (importing main.py writes them) and a
 * git checkout's metadata. Ignoring them keeps the digest of a directory equal to the digest
 * of the zip built from it.
 */
export function isIgnored(name: string, isDir: boolean): boolean {
  if (isDir) return name === '__pycache__' || name === '.git';
  return name.endsWith('.pyc');
}

/**
 * Relative `/`-separated paths of the regular files under `dir`, sorted. Symlinks to files are
 * followed (their content is what a zip of the folder would hold); symlinked folders are not,
 * and are reported.
 */
export async function listFiles(dir: string): Promise<{ files: string[]; findings: Finding[] }> {
  const files: string[] = [];
  const findings: Finding[] = [];
  async function walk(absolute: string, relative: string): Promise<void> {
    const entries = await readdir(absolute, { withFileTypes: true });
    for (const entry of entries) {
      const abs = join(absolute, entry.name);
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(abs).catch(() => undefined);
        if (target?.isDirectory()) {
          findings.push({ file: rel, message: 'is a symbolic link to a folder; sps-tui does not follow it' });
          continue;
        }
        isDir = false;
        isFile = target?.isFile() ?? false;
        if (!target) {
          findings.push({ file: rel, message: 'is a broken symbolic link' });
          continue;
        }
      }
      if (isIgnored(entry.name, isDir)) continue;
      if (isDir) await walk(abs, rel);
      else if (isFile) files.push(rel);
      else findings.push({ file: rel, message: 'is not a regular file' });
    }
  }
  await walk(dir, '');
  files.sort(compareBytes);
  return { files, findings };
}

/**
 * sha256 over each file's path and content, in sorted path order. Each path and content is
 * length-prefixed so no two different file sets can feed the hash the same bytes.
 */
export async function digestFiles(dir: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...files].sort(compareBytes)) {
    const content = await readFile(join(dir, file));
    const name = Buffer.from(file, 'utf8');
    hash.update(`${name.length}:`).update(name).update(`${content.length}:`).update(content);
  }
  return hash.digest('hex');
}

/** Code-unit order, independent of locale. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
