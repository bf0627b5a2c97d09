/** Keyword-only parameters are parameters: SPS passes them by name, so the host must too. */
import { afterAll, describe, expect, it } from 'vitest';
import { createPythonHost } from '../../src/host/python-host.js';
import type { Isolation } from '../../src/protocol/host.js';
import { authenticateArgs, fixturePlugin } from '../helpers/host.js';

describe.each<Isolation>(['fork', 'spawn'])('a hook with keyword-only parameters (%s)', (isolation) => {
  const host = createPythonHost({ pluginDir: fixturePlugin('kwonly'), configuration: '', isolation });
  afterAll(() => host.close());

  it('gets exactly those, by name', async () => {
    const result = await host.call('authenticate', authenticateArgs({ session_id: 's-1', gateway_user: 'alice' }));
    expect(result.passed.sort()).toEqual(['cookie', 'gateway_user', 'session_id']);
    expect(result.value).toMatchObject({ cookie: { session_id: 's-1', gateway_user: 'alice' } });
    expect((await host.call('session_ended', { session_id: 's-1', cookie: {}, session_cookie: {} })).passed).toEqual(['session_id']);
  });
});
