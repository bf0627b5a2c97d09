import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlugin } from '../../src/plugin/load.js';
import { GOOD, tempDir } from './helpers.js';
import { type ZipEntrySpec, zipDirectory } from './zip-helper.js';

const goodAa = join(GOOD, 'good-aa');

/** Zips the good plugin plus `extra`, loads it with extraction under its own root. */
async function loadWith(extra: ZipEntrySpec[], limits = {}) {
  const root = await tempDir('extract');
  const zip = join(await tempDir('zip'), 'hostile.zip');
  zipDirectory(goodAa, zip, '', extra);
  const result = await loadPlugin(zip, { tempDir: root, limits });
  if (result.ok) await result.plugin.cleanup();
  // Refused or not, nothing stays in the extraction root.
  expect(await readdir(root)).toEqual([]);
  return { result, root };
}

const unique = (): string => `sps-tui-zipslip-${randomBytes(6).toString('hex')}`;

describe('zip entries that would escape are refused before anything is written', () => {
  it('../evil', async () => {
    const name = unique();
    const { result, root } = await loadWith([{ name: `../${name}`, text: 'pwned' }]);
    expect(result).toEqual({
      ok: false,
      findings: [{ file: `../${name}`, message: 'refused: ".." in the path; the whole zip is rejected' }],
    });
    expect(existsSync(join(root, '..', name))).toBe(false);
    expect(existsSync(join(tmpdir(), name))).toBe(false);
  });

  it('lib/../../evil', async () => {
    const name = unique();
    const { result, root } = await loadWith([{ name: `lib/../../${name}`, text: 'pwned' }]);
    expect(result.ok).toBe(false);
    expect(existsSync(join(dirname(root), name))).toBe(false);
  });

  it('an absolute path', async () => {
    const target = join(tmpdir(), unique());
    const { result } = await loadWith([{ name: target, text: 'pwned' }]);
    expect(result).toEqual({ ok: false, findings: [{ file: target, message: 'refused: absolute path; the whole zip is rejected' }] });
    expect(existsSync(target)).toBe(false);
  });

  it('a drive letter and a backslash', async () => {
    const { result } = await loadWith([
      { name: 'C:/evil.py', text: 'x' },
      { name: '..\\evil.py', text: 'x' },
    ]);
    expect(result).toEqual({
      ok: false,
      findings: [
        { file: 'C:/evil.py', message: 'refused: absolute path; the whole zip is rejected' },
        { file: '..\\evil.py', message: 'refused: backslash in the name; the whole zip is rejected' },
      ],
    });
  });

  it('a symlink entry, and a file written through it', async () => {
    const outside = await tempDir('outside');
    const { result } = await loadWith([
      { name: 'link', text: outside, mode: 0o120777 },
      { name: 'link/evil.py', text: 'pwned' },
    ]);
    expect(result).toEqual({ ok: false, findings: [{ file: 'link', message: 'refused: symbolic link; the whole zip is rejected' }] });
    expect(await readdir(outside)).toEqual([]);
  });

  it('a device or fifo entry', async () => {
    const { result } = await loadWith([{ name: 'fifo', mode: 0o010644 }]);
    expect(result).toMatchObject({ ok: false, findings: [{ file: 'fifo', message: expect.stringMatching(/not a regular file/) }] });
  });

  it('the same path twice, and a path that is both a file and a folder', async () => {
    const { result } = await loadWith([
      { name: 'lib/verdicts.py', text: 'x = 1\n' },
      { name: 'main.py/evil', text: 'x' },
    ]);
    expect(result).toMatchObject({
      ok: false,
      findings: [
        { file: 'lib/verdicts.py', message: expect.stringMatching(/holds this path twice/) },
        { file: 'main.py/evil', message: expect.stringMatching(/main\.py is both a file and a folder/) },
      ],
    });
  });

  it('a zip that expands past the unpacked limit', async () => {
    const { result } = await loadWith([{ name: 'big.txt', text: 'a'.repeat(100_000) }], { maxUnpackedBytes: 50_000 });
    expect(result).toMatchObject({ ok: false, findings: [{ file: '', message: expect.stringMatching(/^expands to .*; sps-tui extracts at most 50000 bytes$/) }] });
  });

  it('escapes control characters in refused names', async () => {
    // A non-ASCII character makes zipfile mark the name UTF-8; otherwise it reads as CP437 glyphs.
    const { result } = await loadWith([{ name: '../é\x1b[31mred', text: 'x' }]);
    expect(result).toMatchObject({ ok: false, findings: [{ file: '../é\\x1b[31mred' }] });
  });
});

describe('ordinary zip layouts', () => {
  it('accepts explicit folder entries and ./ prefixes', async () => {
    const root = await tempDir('extract');
    const zip = join(await tempDir('zip'), 'dotted.zip');
    zipDirectory(goodAa, zip, './', [{ name: 'extra/' }, { name: 'extra/notes.txt', text: 'hi' }]);
    const result = await loadPlugin(zip, { tempDir: root });
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    expect(result.plugin.files).toContain('extra/notes.txt');
    expect(result.plugin.files).toContain('MANIFEST');
    await result.plugin.cleanup();
  });
});
