/** A host must never keep Node running: idle servers are unreferenced, closed ones are gone. */
import { describe, expect, it } from 'vitest';
import { createPythonHost } from '../../src/host/python-host.js';
import type { Isolation } from '../../src/protocol/host.js';
import { authenticateArgs, eventually, fixturePlugin, hookError, isRunning } from '../helpers/host.js';

/** Handles that keep the event loop alive. */
function liveHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'ProcessWrap' || name === 'PipeWrap').length;
}

describe.each<Isolation>(['fork', 'spawn'])('host lifecycle, %s isolation', (isolation) => {
  it('holds the event loop only while a call runs, and releases everything on close', async () => {
    const before = liveHandles();
    const host = createPythonHost({ pluginDir: fixturePlugin('behaviours'), configuration: '', isolation });
    const call = host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'none' } }));
    expect(liveHandles()).toBeGreaterThan(before);
    await call;
    expect(liveHandles()).toBe(before);
    await host.close();
    expect(liveHandles()).toBe(before);
  });

  it('close() ends a running call as aborted and kills it', async () => {
    const host = createPythonHost({ pluginDir: fixturePlugin('behaviours'), configuration: '', isolation });
    let child = 0;
    const running = hookError(
      host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'orphan' } }), {
        onLog: (line) => {
          child = Number(/^child (\d+)$/.exec(line.text)?.[1]);
          void host.close();
        },
      }),
    );
    const error = await running;
    expect(error.kind).toBe('aborted');
    await host.close();
    expect(await eventually(() => !isRunning(child))).toBe(true);
    await expect(host.call('authenticate', authenticateArgs())).rejects.toMatchObject({ kind: 'host' });
  });

  it('keeps two plugins in two interpreters', async () => {
    const one = createPythonHost({ pluginDir: fixturePlugin('credstore'), configuration: '', isolation });
    const two = createPythonHost({ pluginDir: fixturePlugin('import_prints'), configuration: '', isolation });
    const [a, b] = await Promise.all([
      one.call('get_password_list', authenticateArgs()),
      two.call('authenticate', authenticateArgs()),
    ]);
    expect(a.value).toMatchObject({ passwords: ['pw-for-root'] });
    expect(b.value).toEqual({ verdict: 'ACCEPT' });
    await Promise.all([one.close(), two.close()]);
  });
});
