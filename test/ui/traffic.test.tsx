import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { TranscriptEvent } from '../../src/protocol/session.js';
import { renderApp } from './app.js';
import { call, SECRET, view } from './fixtures.js';
import { frameOf, press } from './ink.js';

afterEach(cleanup);

/** A vault lookup whose response carries the password the store then returns. */
const fetched: TranscriptEvent = {
  type: 'hook-result',
  plugin: 'credentialstore',
  hook: 'get_password_list',
  value: { passwords: [SECRET] },
  logs: [],
  durationMs: 20,
  traffic: [
    {
      kind: 'http',
      request: { method: 'GET', url: 'https://vault.example/v1/secret/root', headers: { 'X-Vault-Token': '<redacted>' } },
      response: { status: 200, reason: 'OK', json: { data: { password: SECRET }, lease_id: 'lease-7' } },
    },
  ],
  served: [[SECRET, '<served:data.password:a{11}>']],
};

const session = () =>
  view({
    plugins: { credentialstore: { name: 'vault_store', version: '0.3.1', type: 'credentialstore' } },
    transcript: [call('get_password_list', 'credentialstore'), fetched],
  });

describe('traffic', () => {
  it('shows each exchange in the timeline under its call: method, URL, status, size', async () => {
    const app = await renderApp(session());
    expect(frameOf(app)).toMatch(/CS get_password_list .*\n {2}⇄ GET https:\/\/vault\.example\/v1\/secret\/root → 200 \(\d+ B\)/);
  });

  it('shows the bodies one key away, the served password masked', async () => {
    const app = await renderApp(session());
    const frame = await press(app, 't', (f) => f.includes('── traffic'));
    expect(frame).toContain('response: {"data":{"password":"********"},"lease_id":"lease-7"}');
    expect(frame).not.toContain(SECRET);
    expect(frame).toContain('t logs');
    const back = await press(app, 't', (f) => !f.includes('── traffic'));
    expect(back).toContain('t traffic');
  });
});
