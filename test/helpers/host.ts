/** Shared bits of the plugin host tests: fixture paths, SPS-like arguments, process checks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HookError } from '../../src/protocol/host.js';
import type { JsonObject } from '../../src/protocol/json.js';

export const FIXTURE_PLUGINS = fileURLToPath(new URL('../fixtures/plugins/', import.meta.url));

export function fixturePlugin(name: string): string {
  return join(FIXTURE_PLUGINS, name);
}

/** What SPS offers authenticate, deprecated aliases included (the engine builds this for real). */
export function authenticateArgs(overrides: JsonObject = {}): JsonObject {
  return {
    session_id: 'ssh-example-1',
    cookie: {},
    session_cookie: {},
    connection_name: 'example',
    client_ip: '1.2.3.4',
    client_port: 12341,
    client_hostname: 'theclient.foo.bar',
    gateway_user: null,
    gateway_domain: null,
    key_value_pairs: {},
    protocol: 'ssh',
    server_username: 'root',
    target_username: 'root',
    server_domain: null,
    target_domain: null,
    ...overrides,
  };
}

/** Awaits a promise that must reject with a HookError. */
export async function hookError(promise: Promise<unknown>): Promise<HookError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HookError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a HookError');
}

/** Whether a process still runs (a zombie nobody reaped yet counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Polls until `check` holds or `ms` pass; returns the last result. */
export async function eventually(check: () => boolean, ms = 1_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
