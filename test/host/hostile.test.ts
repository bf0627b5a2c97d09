/** Plugins that misbehave on purpose: daemons that try to outlive the call, results too large to be sane. */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonHost } from '../../src/host/python-host.js';
import type { Isolation, PluginHost } from '../../src/protocol/host.js';
import { authenticateArgs, eventually, fixturePlugin, hookError, isRunning } from '../helpers/host.js';

const linux = process.platform === 'linux';

describe.each<Isolation>(['fork', 'spawn'])('hostile plugins, %s isolation', (isolation) => {
  let host: PluginHost;
  const dir = mkdtempSync(join(tmpdir(), 'sps-tui-hostile-'));
  beforeAll(() => {
    host = createPythonHost({ pluginDir: fixturePlugin('behaviours'), configuration: '', isolation });
  });
  afterAll(() => host.close());

  const daemonPid = (path: string): number => Number(readFileSync(path, 'utf8').trim());
  /** The daemon appends to its log every 0.1 s while it lives: a log that stops growing means it is gone. */
  const stillWriting = async (path: string): Promise<boolean> => {
    const log = `${path}.log`;
    const before = existsSync(log) ? statSync(log).size : 0;
    await new Promise((resolve) => setTimeout(resolve, 400));
    return (existsSync(log) ? statSync(log).size : 0) > before;
  };

  it.runIf(linux)('a daemon (fork, setsid, fork) is ended when the hook returns, and named', async () => {
    const path = join(dir, `daemon-${isolation}`);
    const result = await host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'daemon', path } }));
    expect(result.value).toEqual({ verdict: 'ACCEPT' });
    expect(result.leftRunning).toContainEqual(expect.stringMatching(/^sh -c echo \$\$ > "\$0"; while true/));
    expect(await eventually(() => !isRunning(daemonPid(path)))).toBe(true);
    expect(await stillWriting(path)).toBe(false);
  });

  it.runIf(linux)('a daemon of a hook killed for its time limit is ended too', async () => {
    const path = join(dir, `daemon-timeout-${isolation}`);
    const error = await hookError(host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'daemon', path, then: 'hang' } }), { timeoutMs: 1500 }));
    expect(error.kind).toBe('timeout');
    expect(error.leftRunning).toContainEqual(expect.stringMatching(/^sh -c /));
    expect(await eventually(() => !isRunning(daemonPid(path)))).toBe(true);
    expect(await stillWriting(path)).toBe(false);
    // The host is still fine for the next call.
    expect((await host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'none' } }))).value).toBeNull();
  });

  it('a result over 1 MiB is refused, naming the hook and the size, and the host goes on', async () => {
    const error = await hookError(host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'huge' } })));
    expect(error).toMatchObject({ kind: 'bad-result', message: 'authenticate returned 3.0 MiB of JSON; sps-tui refuses results over 1 MiB' });
    expect((await host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'none' } }))).value).toBeNull();
  });

  it('50 MB of output keeps the first 4 MiB and says how much more there was', async () => {
    const result = await host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'flood' } }));
    expect(result.value).toEqual({ verdict: 'ACCEPT' });
    const kept = result.logs.slice(0, -1);
    expect(kept.reduce((n, l) => n + l.text.length + 1, 0)).toBeLessThanOrEqual(4 << 20);
    expect(kept.every((l) => l.text === 'y'.repeat(99))).toBe(true);
    expect(result.logs.at(-1)).toEqual({ stream: 'stderr', text: expect.stringMatching(/^sps-tui: \d+ more lines \(4[56]\.\d MiB\) of output were not kept: over 4 MiB per call$/) });
  });

  it('a hook that writes to and closes descriptors it did not open cannot forge or lose its result silently', async () => {
    const error = await hookError(host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'fds' } })));
    expect(error).toMatchObject({ kind: 'exit', message: 'authenticate wrote into the descriptor sps-tui reads its result from' });
    // No traceback of sps-tui's own among the plugin's output.
    expect(error.logs.map((l) => l.text).join('\n')).not.toContain('sps_tui_host');
    expect((await host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'none' } }))).value).toBeNull();
  });

  it('a hook that closes every descriptor it did not open is told so', async () => {
    const error = await hookError(host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'close_fds' } })));
    expect(error).toMatchObject({ kind: 'exit', message: 'authenticate closed the descriptor sps-tui reads its result from (it closes descriptors it did not open)' });
    expect(error.logs).toEqual([]);
  });

  it('a call that starts nothing reports nothing left running', async () => {
    const result = await host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'none' } }));
    expect(result.leftRunning).toBeUndefined();
  });
});
