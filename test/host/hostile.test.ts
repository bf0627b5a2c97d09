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

  it('a call that starts nothing reports nothing left running', async () => {
    const result = await host.call('authenticate', authenticateArgs({ key_value_pairs: { case: 'none' } }));
    expect(result.leftRunning).toBeUndefined();
  });
});
