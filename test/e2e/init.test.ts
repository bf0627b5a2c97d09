/** `sps-tui init`: a new plugin passes its own scenarios and `check` at once, for both kinds, with and without the SDK. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

let sdkPython = '';
beforeAll(() => {
  // The project's own script: a venv with the pinned SDK from PyPI (fast when it exists).
  sdkPython = execFileSync('bash', [join(ROOT, 'scripts/sdk-venv.sh')], { encoding: 'utf8', timeout: 280_000 }).trim().split('\n').at(-1)!;
}, 300_000);

describe('sps-tui init', () => {
  it.each([
    ['aa', false],
    ['credentialstore', false],
    ['aa', true],
    ['credentialstore', true],
  ] as const)('a new %s plugin (SDK: %s) passes its scenarios and check, and packs', async (type, sdk) => {
    const project = new TempProject();
    const created = await cli(['init', 'my-plugin', '--type', type, ...(sdk ? ['--sdk'] : [])], { cwd: project.dir });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`created my_plugin, ${type === 'aa' ? 'an AA' : 'a credential store'} plugin`);
    const dir = join(project.dir, 'my-plugin');
    for (const file of ['MANIFEST', 'main.py', 'default.cfg', 'scenarios/my_plugin.yaml', '.github/workflows/sps-tui.yml']) expect(existsSync(join(dir, file))).toBe(true);
    expect(readFileSync(join(dir, 'MANIFEST'), 'utf8')).toContain(`api: ${sdk ? '1.6' : '1.0'}`);
    const workflow = parse(readFileSync(join(dir, '.github/workflows/sps-tui.yml'), 'utf8')) as { jobs: { scenarios: { steps: Array<{ run?: string }> } } };
    expect(workflow.jobs.scenarios.steps.map((s) => s.run ?? '')).toContainEqual(expect.stringContaining('sps-tui test --reporter junit=sps-tui-results.xml --reporter github'));

    const python = sdk ? ['--python', sdkPython] : [];
    const tested = await cli(['test', ...python], { cwd: dir });
    expect(tested.stdout).toContain('2 passed, 0 failed');
    expect(tested.code).toBe(0);
    const checked = await cli(['check', '.', ...python], { cwd: dir });
    expect(checked.stdout).toMatch(/^\.: OK: my_plugin 1\.0\.0/);
    expect(checked.stderr).toBe('');
    expect((await cli(['pack', '.', ...python], { cwd: dir })).code).toBe(0);
  });

  it('without a terminal a missing --type is an error, and it never writes into a folder that has files', async () => {
    const project = new TempProject();
    const missing = await cli(['init', 'x'], { cwd: project.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--type is missing');
    expect(existsSync(join(project.dir, 'x'))).toBe(false);
    project.write('MANIFEST', 'kept');
    const full = await cli(['init', '.', '--type', 'aa'], { cwd: project.dir });
    expect(full.code).toBe(2);
    expect(project.read('MANIFEST')).toBe('kept');
    expect((await cli(['init', '9lives', '--type', 'aa'], { cwd: project.dir })).stderr).toContain('must start with a letter');
  });
});
