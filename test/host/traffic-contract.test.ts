/**
 * The contract every recording adapter of the Python host keeps (sps_tui_host/traffic/), run
 * through the real host: what a call records, replay serves back with the world gone, in order;
 * what it does not hold fails the call, and a call that asks for nothing is left alone.
 * HTTP is the one adapter today; sockets, randomness and the clock join this table.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureHelpers } from '../../src/host/helper-cache.js';
import { createPythonHost } from '../../src/host/python-host.js';
import type { PluginHost, TrafficEntry } from '../../src/protocol/host.js';
import { ROOT } from '../helpers/cli.js';
import { SERVICE_SECRETS, startFakeService, type FakeService } from '../helpers/fake-service.js';
import { authenticateArgs, hookError } from '../helpers/host.js';

interface AdapterCase {
  kind: string;
  /** A plugin whose authenticate makes one exchange with the world `start` brings up. */
  plugin(): string;
  start(): Promise<{ configuration: string; stop(): Promise<void> }>;
}

const ADAPTERS: AdapterCase[] = [
  {
    kind: 'http',
    plugin() {
      const dir = join(mkdtempSync(join(tmpdir(), 'sps-tui-contract-')), 'http_mfa');
      cpSync(join(ROOT, 'test/fixtures/plugins/http_mfa'), dir, { recursive: true });
      cpSync(join(ROOT, 'test/fixtures/http/lib_http.py'), join(dir, 'lib_http.py'));
      return dir;
    },
    async start() {
      const service: FakeService = await startFakeService();
      return { configuration: `[service]\nurl = ${service.url}\nlibrary = urllib.request\napi_key = k-1\n`, stop: () => service.stop() };
    },
  },
];

const ARGS = authenticateArgs({ gateway_user: 'alice', key_value_pairs: { otp: SERVICE_SECRETS.passcode } });

describe.each(ADAPTERS)('the $kind adapter', (adapter) => {
  let host: PluginHost;
  let recorded: { value: unknown; traffic: TrafficEntry[] };

  beforeAll(async () => {
    const world = await adapter.start();
    const helperPaths = await ensureHelpers('python3', ['vcrpy'], { install: true });
    host = createPythonHost({ pluginDir: adapter.plugin(), configuration: world.configuration, helperPaths });
    const result = await host.call('authenticate', ARGS, { traffic: { mode: 'record', entries: [], secrets: [] } });
    // What came from the service is in the traffic as placeholders (Node serves stand-ins for them):
    // served as they are, they come back where the plugin put them.
    let value = JSON.stringify(result.value);
    for (const [secret, placeholder] of result.served ?? []) value = value.split(secret).join(placeholder);
    recorded = { value: JSON.parse(value), traffic: result.traffic ?? [] };
    await world.stop();
  });
  afterAll(() => host?.close());

  it('records each exchange of a call, of its own kind', () => {
    expect(recorded.traffic.map((entry) => entry.kind)).toEqual([adapter.kind]);
    expect(recorded.value).toMatchObject({ verdict: 'ACCEPT' });
  });

  it('serves what it recorded with the world gone, and the call returns what it returned then', async () => {
    const served = await host.call('authenticate', ARGS, { traffic: { mode: 'replay', entries: recorded.traffic, secrets: [] } });
    expect(served.value).toEqual(recorded.value);
    expect(served.traffic).toEqual(recorded.traffic);
  });

  it('fails the call, kind replay, for what the recording does not hold, and says to re-record', async () => {
    const error = await hookError(host.call('authenticate', ARGS, { traffic: { mode: 'replay', entries: [], secrets: [], rerecord: 'sps-tui replay --update x.yaml' } }));
    expect(error.kind).toBe('replay');
    expect(error.message).toContain('not in the recording');
    expect(error.message).toContain('to record this call again: sps-tui replay --update x.yaml');
  });

  it('leaves nothing installed for a call that asks for no traffic: it reaches the world (here, gone)', async () => {
    const error = await hookError(host.call('authenticate', ARGS));
    expect(error.kind).toBe('exception');
    expect(error.message).toMatch(/Connection refused|URLError/);
  });
});
