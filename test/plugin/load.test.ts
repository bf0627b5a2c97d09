import { mkdir, readdir, stat, truncate, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PluginInputError } from '../../src/plugin/errors.js';
import { loadPlugin } from '../../src/plugin/load.js';
import { BROKEN, GOOD, copyFixture, tempDir } from './helpers.js';
import { zipDirectory } from './zip-helper.js';

const goodAa = join(GOOD, 'good-aa');

async function findingsOf(path: string) {
  const result = await loadPlugin(path);
  if (result.ok) {
    await result.plugin.cleanup();
    throw new Error(`${path} loaded without findings`);
  }
  return result.findings;
}

describe('loadPlugin: a good plugin', () => {
  it('loads a directory', async () => {
    const result = await loadPlugin(goodAa);
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    const { plugin } = result;
    expect(plugin.source).toBe(goodAa);
    expect(plugin.dir).toBe(goodAa);
    expect(plugin.manifest).toMatchObject({ name: 'good_aa', version: '1.0.0', type: 'aa', api: '1.8', entryPoint: 'main.py' });
    expect(plugin.files).toEqual(['MANIFEST', 'default.cfg', 'lib/__init__.py', 'lib/verdicts.py', 'main.py']);
    expect(plugin.defaultConfiguration).toContain('greeting = hello');
    expect(plugin.sha256).toMatch(/^[0-9a-f]{64}$/);
    await plugin.cleanup();
    expect((await stat(goodAa)).isDirectory()).toBe(true);
  });

  it('loads the same plugin zipped into a private temporary directory, with the same sha256', async () => {
    const root = await tempDir('extract');
    const zip = join(await tempDir('zip'), 'good.zip');
    zipDirectory(goodAa, zip, '', [{ name: '__pycache__/main.cpython-311.pyc', text: 'bytecode' }]);
    const fromDir = await loadPlugin(goodAa);
    const fromZip = await loadPlugin(zip, { tempDir: root });
    if (!fromDir.ok || !fromZip.ok) throw new Error('expected both to load');
    const { plugin } = fromZip;
    expect(plugin.source).toBe(zip);
    expect(plugin.dir.startsWith(root)).toBe(true);
    expect((await stat(plugin.dir)).mode & 0o777).toBe(0o700);
    expect(plugin.files).toEqual(fromDir.plugin.files);
    expect(plugin.sha256).toBe(fromDir.plugin.sha256);
    expect(await readFile(join(plugin.dir, 'lib/verdicts.py'), 'utf8')).toContain('ACCEPT');
    await plugin.cleanup();
    expect(await readdir(root)).toEqual([]);
  });

  it('changes the sha256 when a file changes', async () => {
    const dir = await copyFixture(goodAa);
    const before = await loadPlugin(dir);
    await writeFile(join(dir, 'lib/verdicts.py'), 'def accept():\n    return None\n');
    const after = await loadPlugin(dir);
    if (!before.ok || !after.ok) throw new Error('expected both to load');
    expect(after.plugin.sha256).not.toBe(before.plugin.sha256);
  });

  it('accepts comments, unknown keys, a quoted api and no final newline', async () => {
    const result = await loadPlugin(join(GOOD, 'manifest-quirks'));
    if (!result.ok) throw new Error(JSON.stringify(result.findings));
    expect(result.plugin.manifest).toMatchObject({
      name: 'quirky',
      description: 'A folded description over two lines.\n',
      version: '0.9',
      api: '1.3',
      scbMinVersion: '6.0',
      scbMaxVersion: '5.11.0~',
    });
    expect(result.plugin.manifest.raw['author']).toBe('Jane Doe');
    expect(result.plugin.defaultConfiguration).toBeUndefined();
  });
});

describe('loadPlugin: MANIFEST findings carry the line of the key', () => {
  it.each([
    ['bad-name', { file: 'MANIFEST', line: 1, message: expect.stringMatching(/^name "1st_plugin" must start with a letter/) }],
    ['bad-version', { file: 'MANIFEST', line: 3, message: 'version "v1.0" must begin with a digit' }],
    [
      'wrong-type',
      { file: 'MANIFEST', line: 4, message: 'type "signingca" must be aa or credentialstore; SPS knows signingca plugins, sps-tui does not run them' },
    ],
    ['missing-api', { file: 'MANIFEST', message: 'required key "api" is missing' }],
    ['manifest-not-yaml', { file: 'MANIFEST', line: 2, message: expect.stringMatching(/^not valid YAML: /) }],
    ['manifest-list', { file: 'MANIFEST', line: 2, message: expect.stringMatching(/must be a YAML mapping.*found a list/) }],
    ['missing-main', { file: 'main.py', message: "missing: the plugin's code must be in main.py in its root" }],
    ['legacy-python2', { file: 'MANIFEST', message: expect.stringMatching(/legacy Python 2\.6 plugin; sps-tui runs Python 3 plugins only/) }],
  ])('%s', async (fixture, finding) => {
    expect(await findingsOf(join(BROKEN, fixture))).toEqual([finding]);
  });
});

describe('loadPlugin: default.cfg', () => {
  it('refuses one over 10 KiB', async () => {
    const dir = await copyFixture(goodAa);
    await writeFile(join(dir, 'default.cfg'), `[plugin]\n${'x = 1\n'.repeat(2000)}`);
    expect(await findingsOf(dir)).toEqual([
      { file: 'default.cfg', message: 'is 12009 bytes; SPS accepts at most 10240 bytes (10 KiB)' },
    ]);
  });

  it('refuses one that is not UTF-8, on the line of the first bad byte', async () => {
    const dir = await copyFixture(goodAa);
    await writeFile(join(dir, 'default.cfg'), Buffer.from('[plugin]\nname = caf\xe9\n', 'latin1'));
    expect(await findingsOf(dir)).toEqual([{ file: 'default.cfg', line: 2, message: 'is not valid UTF-8' }]);
  });
});

describe('loadPlugin: where MANIFEST is', () => {
  it('names the folder when a zip holds the plugin inside one', async () => {
    const zip = join(await tempDir('zip'), 'nested.zip');
    zipDirectory(goodAa, zip, 'good-aa/');
    expect(await findingsOf(zip)).toEqual([
      {
        file: 'good-aa/MANIFEST',
        message: "MANIFEST must be in the plugin's root, found in good-aa/ (zip the folder's contents, not the folder)",
      },
    ]);
  });

  it('names the folder when a directory holds the plugin one level down', async () => {
    const parent = await tempDir('parent');
    const { cp } = await import('node:fs/promises');
    await cp(goodAa, join(parent, 'otp'), { recursive: true });
    expect(await findingsOf(parent)).toEqual([
      { file: 'otp/MANIFEST', message: "MANIFEST must be in the plugin's root, found in otp/ (use otp/ as the plugin directory)" },
    ]);
  });

  it('reports a missing MANIFEST', async () => {
    const dir = await tempDir('empty');
    await writeFile(join(dir, 'main.py'), 'class Plugin: pass\n');
    expect(await findingsOf(dir)).toEqual([{ file: 'MANIFEST', message: 'missing: a plugin needs a MANIFEST in its root' }]);
  });
});

describe('loadPlugin: input it cannot read throws PluginInputError (exit 2)', () => {
  async function inputError(path: string, options = {}): Promise<PluginInputError> {
    const error = await loadPlugin(path, options).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(PluginInputError);
    const inputError = error as PluginInputError;
    expect(inputError.exitCode).toBe(2);
    expect(inputError.message.startsWith(`${path}: `)).toBe(true);
    return inputError;
  }

  it('a path that does not exist', async () => {
    expect((await inputError('/nonexistent/otp.zip')).message).toBe('/nonexistent/otp.zip: does not exist');
  });

  it('a file that is not a zip', async () => {
    const file = join(await tempDir('text'), 'plugin.zip');
    await writeFile(file, 'not a zip\n');
    expect((await inputError(file)).message).toMatch(/is neither a plugin directory nor a readable zip file/);
  });

  it('a corrupt zip, leaving no temporary directory behind', async () => {
    const root = await tempDir('extract');
    const zip = join(await tempDir('zip'), 'corrupt.zip');
    zipDirectory(goodAa, zip);
    const bytes = await readFile(zip);
    // Garble the compressed data of the first entry (its local header is 30 bytes + name).
    bytes.fill(0x55, 30 + 'MANIFEST'.length + 4, 30 + 'MANIFEST'.length + 40);
    await writeFile(zip, bytes);
    expect((await inputError(zip, { tempDir: root })).message).toMatch(/is a corrupt zip file/);
    expect(await readdir(root)).toEqual([]);
  });

  it('a zip whose stored bytes no longer match their CRC', async () => {
    const zip = join(await tempDir('zip'), 'crc.zip');
    zipDirectory(goodAa, zip, '', [{ name: 'notes.txt', text: 'original text', stored: true }]);
    const bytes = await readFile(zip);
    bytes.write('ORIGINAL', bytes.indexOf('original text'));
    await writeFile(zip, bytes);
    expect((await inputError(zip)).message).toMatch(/is a corrupt zip file \(CRC mismatch in notes.txt\)/);
  });

  it('a zip over 20 MB (sparse, read no further than its size)', async () => {
    const zip = join(await tempDir('zip'), 'huge.zip');
    await writeFile(zip, '');
    await truncate(zip, 20 * 1024 * 1024 + 1);
    expect((await inputError(zip)).message).toBe(`${zip}: is 20.0 MB (20971521 bytes); SPS accepts plugin zips of at most 20 MB`);
  });

  it('a zip over a lowered limit', async () => {
    const zip = join(await tempDir('zip'), 'good.zip');
    zipDirectory(goodAa, zip);
    expect((await inputError(zip, { limits: { maxZipBytes: 100 } })).message).toMatch(/; SPS accepts plugin zips of at most 100 bytes$/);
  });

  it('neither a directory nor a file', async () => {
    await inputError('/dev/null');
  });
});

describe('loadPlugin: files of a directory', () => {
  it('ignores __pycache__ and .pyc', async () => {
    const dir = await copyFixture(goodAa);
    const before = await loadPlugin(dir);
    await mkdir(join(dir, '__pycache__'));
    await writeFile(join(dir, '__pycache__', 'main.cpython-311.pyc'), 'x');
    await writeFile(join(dir, 'lib', 'verdicts.pyc'), 'x');
    const after = await loadPlugin(dir);
    if (!before.ok || !after.ok) throw new Error('expected both to load');
    expect(after.plugin.files).toEqual(before.plugin.files);
    expect(after.plugin.sha256).toBe(before.plugin.sha256);
  });
});
