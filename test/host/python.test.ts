/** Choosing the interpreter, and the one-line error when it cannot run the host. */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  PythonNotFoundError,
  createPythonHost,
  inspectPlugin,
  resolvePython,
} from '../../src/host/python-host.js';
import { authenticateArgs, fixturePlugin } from '../helpers/host.js';

describe('resolvePython', () => {
  it('prefers the flag, then SPS_TUI_PYTHON, then python3', () => {
    vi.stubEnv('SPS_TUI_PYTHON', '/opt/python/bin/python3.9');
    expect(resolvePython('/usr/bin/python3.11')).toBe('/usr/bin/python3.11');
    expect(resolvePython()).toBe('/opt/python/bin/python3.9');
    vi.stubEnv('SPS_TUI_PYTHON', '');
    expect(resolvePython()).toBe('python3');
    vi.unstubAllEnvs();
  });
});

describe('an interpreter that cannot run the host', () => {
  let dir: string;
  let oldPython: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sps-tui-python-test-'));
    // A stand-in for Python 3.5: the real interpreter, with sys.version_info faked before host.py runs.
    oldPython = join(dir, 'python3.5');
    await writeFile(
      oldPython,
      `#!/bin/sh
exec python3 -c 'import runpy, sys
sys.version_info = (3, 5, 2, "final", 0)
del sys.argv[0]
runpy.run_path(sys.argv[0], run_name="__main__")' "$@"
`,
    );
    await chmod(oldPython, 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports a missing interpreter with a one-line message and exit code 4', async () => {
    const host = createPythonHost({ pluginDir: fixturePlugin('behaviours'), configuration: '', python: '/no/such/python' });
    const error = await host.call('authenticate', authenticateArgs()).catch((e: unknown) => e);
    await host.close();
    expect(error).toBeInstanceOf(PythonNotFoundError);
    expect(error).toMatchObject({
      exitCode: 4,
      problem: 'missing',
      message: 'python interpreter not found: /no/such/python (set --python or SPS_TUI_PYTHON)',
    });
    await expect(inspectPlugin(fixturePlugin('behaviours'), { python: '/no/such/python' })).rejects.toThrow(PythonNotFoundError);
  });

  it('reports an interpreter older than 3.6', async () => {
    const error = await inspectPlugin(fixturePlugin('behaviours'), { python: oldPython }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PythonNotFoundError);
    expect((error as PythonNotFoundError).message).toBe(
      `python interpreter too old: ${oldPython} is Python 3.5.2, sps-tui needs 3.6 or newer (set --python or SPS_TUI_PYTHON)`,
    );
    for (const isolation of ['fork', 'spawn'] as const) {
      const host = createPythonHost({ pluginDir: fixturePlugin('behaviours'), configuration: '', python: oldPython, isolation });
      await expect(host.call('authenticate', authenticateArgs())).rejects.toMatchObject({ problem: 'too-old', exitCode: 4 });
      await host.close();
    }
  });

  it('reports something that is not Python at all', async () => {
    const error = await inspectPlugin(fixturePlugin('behaviours'), { python: '/bin/false' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      problem: 'broken',
      message: 'python interpreter could not start the plugin host: /bin/false exited with status 1 (set --python or SPS_TUI_PYTHON)',
    });
  });

  it('accepts a working interpreter and tells its version', async () => {
    expect((await inspectPlugin(fixturePlugin('behaviours'), { python: 'python3' })).pythonVersion).toMatch(/^3\.\d+\.\d+$/);
  });
});

describe('the host script', () => {
  it('uses Python 3.6 syntax only, with an entry point any Python can parse', () => {
    const root = fileURLToPath(new URL('../../src/host/python/', import.meta.url));
    const check = `
import ast, glob, os, sys
root = sys.argv[1]
for path in glob.glob(os.path.join(root, '**', '*.py'), recursive=True):
    with open(path) as source:
        ast.parse(source.read(), path, feature_version=(3, 6) if 'sps_tui_host' in path else (3, 4))
`;
    execFileSync('python3', ['-c', check, root]);
  });
});
