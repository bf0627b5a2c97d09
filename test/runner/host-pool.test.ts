/** Warm hosts shared by the sessions of one run keep every session's state its own. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runSession } from '../../src/engine/run-session.js';
import type { JsonObject } from '../../src/protocol/json.js';
import { bookAnswers } from '../../src/runner/answers.js';
import { HostPool } from '../../src/runner/host-pool.js';
import { loadForRole, startHosts } from '../../src/runner/plugins.js';
import { defaultConnection } from '../../src/scenario/connection.js';
import { zipDirectory } from '../plugin/zip-helper.js';

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
    const result = transcript.find((e): e is Extract<typeof e, { type: 'hook-result' }> => e.type === 'hook-result' && e.hook === 'authenticate');
    return (result!.value as { cookie: JsonObject }).cookie;
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

  it('reads a plugin once per run, a zip extracted once as SPS installs it once, removed when the run ends', async () => {
    const first = await loadForRole(plugin, '', 'aa', pool);
    const second = await loadForRole(plugin, '', 'aa', pool);
    expect(second.info).toBe(first.info);

    const work = mkdtempSync(join(tmpdir(), 'sps-tui-pool-'));
    const run = new HostPool();
    try {
      const zip = join(work, 'stateful.zip');
      zipDirectory(plugin, zip);
      const a = await loadForRole(zip, '', 'aa', run);
      await a.info.cleanup(); // a session's cleanup leaves the run's copy alone
      const b = await loadForRole(zip, '', 'aa', run);
      expect(b.info.dir).toBe(a.info.dir);
      expect(existsSync(join(a.info.dir, 'main.py'))).toBe(true);
      // Sessions of a zip get warm hosts too, now that they run from one directory: the same host, once released.
      const host = run.acquire(b, {});
      expect(host).toBeDefined();
      run.release(host!);
      expect(run.acquire(b, {})).toBe(host);
      await run.close();
      expect(existsSync(a.info.dir)).toBe(false);
    } finally {
      await run.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
