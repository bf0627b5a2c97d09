/** Warm hosts shared by the sessions of one run keep every session's state its own. */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runSession } from '../../src/engine/run-session.js';
import type { JsonObject } from '../../src/protocol/json.js';
import { bookAnswers } from '../../src/runner/answers.js';
import { HostPool } from '../../src/runner/host-pool.js';
import { loadForRole, startHosts } from '../../src/runner/plugins.js';
import { defaultConnection } from '../../src/scenario/connection.js';

const plugin = fileURLToPath(new URL('../fixtures/sessions/stateful-aa', import.meta.url));
const pool = new HostPool();
afterAll(() => pool.close());

async function oneSession(): Promise<JsonObject> {
  const loaded = await loadForRole(plugin, '', 'aa');
  const started = await startHosts([loaded], { pool });
  try {
    const { transcript } = await runSession({
      input: { aa: loaded.slot, connection: defaultConnection('ssh') },
      hosts: started.hosts,
      callOptions: started.callOptions,
      answer: bookAnswers({}),
    });
    const result = transcript.find((e) => e.type === 'hook-result' && e.hook === 'authenticate');
    return (result as { value: { cookie: JsonObject } }).value.cookie;
  } finally {
    await started.close();
  }
}

describe('a host pool', () => {
  it('reuses one warm server, and no module, class or session state crosses sessions', async () => {
    const first = await oneSession();
    const second = await oneSession();
    expect(second.server_pid).toBe(first.server_pid);
    expect(first).toMatchObject({ module_calls: 1, class_calls: 1 });
    expect(second).toMatchObject({ module_calls: 1, class_calls: 1 });
    expect(second.ephemeral).not.toBe(first.ephemeral);
  });
});
