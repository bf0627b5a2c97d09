/** `sps-tui pack`: the zip SPS uploads, checked before it is written. */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

const entriesOf = (zip: string): Promise<string[]> =>
  new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (error, file) => {
      if (error) return reject(error);
      const names: string[] = [];
      file.on('entry', (entry: yauzl.Entry) => (names.push(entry.fileName), file.readEntry()));
      file.on('end', () => resolve(names));
      file.readEntry();
    });
  });

describe('sps-tui pack', () => {
  it('packs the plugin files at the root, MANIFEST first, without caches, VCS, editor or sps-tui files, and the zip passes check', async () => {
    const project = new TempProject();
    const dir = join(project.dir, 'good');
    cpSync(join(ROOT, 'test/plugin/fixtures/good-aa'), dir, { recursive: true });
    for (const junk of ['__pycache__/main.cpython-311.pyc', '.git/config', 'scenarios/s.yaml', 'recordings/r.yaml', '.vscode/settings.json', 'main.py~', '.main.py.swp', 'lib/__pycache__/x.pyc']) {
      mkdirSync(join(dir, junk, '..'), { recursive: true });
      writeFileSync(join(dir, junk), 'junk');
    }
    const result = await cli(['pack', 'good'], { cwd: project.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('packed 5 files of good_aa 1.0.0 into good_aa-1.0.0.zip');
    const zip = join(project.dir, 'good_aa-1.0.0.zip');
    expect(await entriesOf(zip)).toEqual(['MANIFEST', 'default.cfg', 'lib/__init__.py', 'lib/verdicts.py', 'main.py']);
    const checked = await cli(['check', zip]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('OK: good_aa 1.0.0');
    // Packing again needs --force, and gives the same bytes.
    expect((await cli(['pack', 'good'], { cwd: project.dir })).code).toBe(2);
    expect((await cli(['pack', 'good', '--force', '-o', 'again.zip'], { cwd: project.dir })).code).toBe(0);
    expect(readFileSync(join(project.dir, 'again.zip'))).toEqual(readFileSync(zip));
  });

  it('refuses what check rejects, and writes nothing', async () => {
    const project = new TempProject();
    cpSync(join(ROOT, 'test/fixtures/broken/missing-hooks-aa'), join(project.dir, 'broken'), { recursive: true });
    const result = await cli(['pack', 'broken', '-o', 'out.zip'], { cwd: project.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('broken/main.py:5: Plugin has no authorize method');
    expect(result.stderr).toContain('nothing written: check finds 2 problems that SPS would refuse');
    expect(existsSync(join(project.dir, 'out.zip'))).toBe(false);
  });

  it("takes check's flags and refuses a bad one as check does, exit 2", async () => {
    const project = new TempProject();
    cpSync(join(ROOT, 'test/plugin/fixtures/good-aa'), join(project.dir, 'good'), { recursive: true });
    const result = await cli(['pack', 'good', '--python-version', '2.7'], { cwd: project.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('sps-tui: --python-version must be 3.<minor>, e.g. 3.6 (got "2.7")');
    expect(readdirSync(project.dir)).toEqual(['good']);
  });
});
