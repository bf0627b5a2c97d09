/**
 * Extracting a plugin zip safely. Every entry is checked before anything is written: one
 * unsafe entry (absolute path, `..`, backslash, symlink or other special file) rejects the
 * whole zip, so a hostile zip never gets a byte onto the disk.
 */
import { constants } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { Finding } from '../protocol/plugin.js';
import { PluginInputError } from './errors.js';

export interface ZipLimits {
  /** SPS refuses plugin zips over 20 MB. */
  maxZipBytes: number;
  /** Guard against zip bombs: what the entries may add up to once extracted. */
  maxUnpackedBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxZipBytes: 20 * 1024 * 1024,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
};


const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

interface Planned {
  entry: Entry;
  /** Normalised relative path, `/`-separated, no trailing slash. */
  path: string;
  isDir: boolean;
}

/**
 * Extracts `zipPath` into the existing empty directory `destDir`. Returns findings (and writes
 * nothing) when an entry is refused; throws PluginInputError when the zip cannot be read.
 */
export async function extractZip(zipPath: string, label: string, destDir: string, limits: ZipLimits): Promise<Finding[]> {
  const size = (await stat(zipPath)).size;
  if (size > limits.maxZipBytes) {
    throw new PluginInputError(label, `is ${formatSize(size)}; SPS accepts plugin zips of at most ${formatLimit(limits.maxZipBytes)}`);
  }
  const zip = await openZip(zipPath, label);
  try {
    const entries = await readEntries(zip, label);
    const { planned, findings } = planEntries(entries, limits);
    if (findings.length > 0) return findings;
    await writeEntries(zip, planned, label, destDir);
    return [];
  } finally {
    zip.close();
  }
}

function openZip(zipPath: string, label: string): Promise<ZipFile> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err) reject(new PluginInputError(label, `is neither a plugin directory nor a readable zip file (${err.message})`, { cause: err }));
      else resolvePromise(zip);
    });
  });
}

function readEntries(zip: ZipFile, label: string): Promise<Entry[]> {
  return new Promise((resolvePromise, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolvePromise(entries));
    zip.on('error', (err: Error) => reject(corrupt(label, err)));
    zip.readEntry();
  });
}

function planEntries(entries: Entry[], limits: ZipLimits): { planned: Planned[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const refuse = (name: string, why: string): void => {
    findings.push({ file: printable(name), message: `refused: ${why}; the whole zip is rejected` });
  };
  if (entries.length > limits.maxEntries) {
    findings.push({ file: '', message: `has ${entries.length} entries; sps-tui extracts at most ${limits.maxEntries}` });
    return { planned: [], findings };
  }
  let unpacked = 0;
  const planned: Planned[] = [];
  const seen = new Map<string, boolean>();
  for (const entry of entries) {
    const raw = entry.fileNameRaw;
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
    // Check the bytes as stored too: other unzippers may ignore the Unicode path extra field.
    const problem = unsafeName(name) ?? unsafeName(raw.toString('latin1'));
    if (problem) {
      refuse(name, problem);
      continue;
    }
    const mode = entry.externalFileAttributes >>> 16;
    const kind = mode & S_IFMT;
    if (kind === S_IFLNK) {
      refuse(name, 'symbolic link');
      continue;
    }
    if (kind !== 0 && kind !== S_IFREG && kind !== S_IFDIR) {
      refuse(name, 'not a regular file or folder');
      continue;
    }
    if (entry.isEncrypted()) {
      refuse(name, 'encrypted entry');
      continue;
    }
    const isDir = name.endsWith('/') || kind === S_IFDIR;
    const path = name.split('/').filter((part) => part !== '' && part !== '.').join('/');
    if (path === '') continue; // "./": the root itself
    const before = seen.get(path);
    if (before !== undefined && !(before && isDir)) {
      refuse(name, 'the zip holds this path twice');
      continue;
    }
    seen.set(path, isDir);
    unpacked += entry.uncompressedSize;
    planned.push({ entry, path, isDir });
  }
  for (const item of planned) {
    const parts = item.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (seen.get(parent) === false) refuse(item.path, `${parent} is both a file and a folder`);
    }
  }
  if (unpacked > limits.maxUnpackedBytes) {
    findings.push({ file: '', message: `expands to ${formatSize(unpacked)}; sps-tui extracts at most ${formatLimit(limits.maxUnpackedBytes)}` });
  }
  return { planned, findings };
}

/** Why a name is unsafe to extract, or undefined when it is a plain relative path. */
function unsafeName(name: string): string | undefined {
  if (name.includes('\0')) return 'NUL character in the name';
  if (name.includes('\\')) return 'backslash in the name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  if (name.split('/').includes('..')) return '".." in the path';
  return undefined;
}

async function writeEntries(zip: ZipFile, planned: Planned[], label: string, destDir: string): Promise<void> {
  const root = resolve(destDir);
  for (const { entry, path, isDir } of planned) {
    const target = resolve(root, path);
    const rel = relative(root, target);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      throw new Error(`bug: zip entry ${path} resolved outside ${root}`); // planEntries refuses these
    }
    if (isDir) {
      await mkdir(target, { recursive: true, mode: 0o700 });
      continue;
    }
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    let crc = 0;
    const checksum = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        crc = crc32(chunk, crc);
        done(null, chunk);
      },
    });
    // O_EXCL + O_NOFOLLOW: never overwrite, never write through a link.
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    const handle = await open(target, flags, 0o600);
    let input: Readable;
    try {
      input = await openReadStream(zip, entry);
    } catch (err) {
      await handle.close();
      throw corrupt(label, err);
    }
    // No await between here and pipeline(): yauzl starts inflating at once and forwards zlib
    // errors a tick later; they must find pipeline's listener. The no-op one keeps a late
    // duplicate, after pipeline has settled, from being an uncaught error.
    input.on('error', () => {});
    try {
      await pipeline(input, checksum, handle.createWriteStream());
    } catch (err) {
      throw corrupt(label, err);
    }
    if (crc >>> 0 !== entry.crc32 >>> 0) throw corrupt(label, new Error(`CRC mismatch in ${path}`));
  }
}

function openReadStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolvePromise, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolvePromise(stream)));
  });
}

function corrupt(label: string, err: unknown): PluginInputError {
  const why = err instanceof Error ? err.message : String(err);
  return new PluginInputError(label, `is a corrupt zip file (${why})`, { cause: err });
}

const MiB = 1024 * 1024;

/** A size as measured: MB for reading, exact bytes so "20.0 MB" over a 20 MB limit is not a puzzle. */
function formatSize(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MB (${bytes} bytes)`;
}

/** A limit: whole MB when it is one, else bytes. */
function formatLimit(bytes: number): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MB` : `${bytes} bytes`;
}

/** Names come from a hostile file: show control characters escaped. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
