/** Real old interpreters, where the machine has them (pyenv): 3.6 runs the host, 2.7 is refused. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPythonHost, inspectPlugin } from '../../src/host/python-host.js';
import { authenticateArgs, fixturePlugin, hookError } from '../helpers/host.js';

const versions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
const python36 = join(versions, '3.6.15', 'bin', 'python3.6');
const python27 = join(versions, '2.7.18', 'bin', 'python2.7');

describe.skipIf(!existsSync(python36))('the host under a real Python 3.6', () => {
  it.each(['fork', 'spawn'] as const)('runs hooks and reports failures (%s)', async (isolation) => {
    const host = createPythonHost({ pluginDir: fixturePlugin('behaviours'), configuration: 'c', python: python36, isolation });
    try {
      const echoed = await host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'tuples' } }));
      expect(echoed.value).toMatchObject({ cookie: { pair: [1, 2], ints: { '1': 'one' } } });
      const printed = await host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'prints' } }));
      expect(printed.logs).toContainEqual({ stream: 'stdout', text: 'half line' });
      const failed = await hookError(host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'datetime' } })));
      expect(failed.message).toContain('result["cookie"]["when"] is a datetime');
      const slow = await hookError(host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'loop' } }), { timeoutMs: 300 }));
      expect(slow.kind).toBe('timeout');
    } finally {
      await host.close();
    }
  });

  it('draws new random numbers in every forked call, as 3.7+ does by itself (3.6 children shared the server’s state)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sps-tui-random-'));
    writeFileSync(join(dir, 'main.py'), 'import random\n\nclass Plugin:\n    def __init__(self, configuration):\n        pass\n\n    def authenticate(self, **kwargs):\n        return {"verdict": "ACCEPT", "cookie": {"n": random.random()}}\n');
    const host = createPythonHost({ pluginDir: dir, configuration: '', python: python36 });
    try {
      const draws = new Set<unknown>();
      for (let i = 0; i < 3; i++) draws.add(((await host.call('authenticate', authenticateArgs())).value as { cookie: { n: number } }).cookie.n);
      expect(draws.size).toBe(3);
    } finally {
      await host.close();
    }
  });

  it('inspects a plugin', async () => {
    const found = await inspectPlugin(fixturePlugin('credstore'), { python: python36 });
    expect(found.pythonVersion).toBe('3.6.15');
    expect(found.hooks.get_password_list?.parameters).toEqual(['session_id', 'cookie', 'server_username', 'not_offered']);
  });
});

describe.skipIf(!existsSync(python27))('a real Python 2.7', () => {
  it('is refused with a one-line message', async () => {
    await expect(inspectPlugin(fixturePlugin('credstore'), { python: python27 })).rejects.toThrow(
      `python interpreter too old: ${python27} is Python 2.7.18, sps-tui needs 3.6 or newer (set --python or SPS_TUI_PYTHON)`,
    );
  });
});
