import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderApp } from './app.js';
import { call, connection, verdict, view } from './fixtures.js';
import { frameOf, until } from './ink.js';

afterEach(cleanup);

describe('header', () => {
  it('names the plugin, its version and type, the protocol and the session id', async () => {
    const app = await renderApp(view());
    const frame = frameOf(app);
    expect(frame).toContain('otp_plugin');
    expect(frame).toContain('1.2.0');
    expect(frame).toContain('(aa)');
    expect(frame).toContain('ssh');
    expect(frame).toContain('ssh-example-1');
  });

  it('names both plugins when a credential store takes part', async () => {
    const app = await renderApp(
      view({
        plugins: {
          aa: { name: 'otp_plugin', version: '1.2.0', type: 'aa' },
          credentialstore: { name: 'vault_store', version: '0.3.1', type: 'credentialstore' },
        },
        connection: connection({ protocol: 'rdp', session_id: 'rdp-7' }),
      }),
    );
    const frame = frameOf(app);
    expect(frame).toMatch(/AA otp_plugin 1\.2\.0 \(aa\)/);
    expect(frame).toMatch(/CS vault_store 0\.3\.1 \(credentialstore\)/);
    expect(frame).toContain('rdp');
    expect(frame).toContain('rdp-7');
  });

  it("shows the demo's caption under the connection", async () => {
    const app = await renderApp(view({ caption: 'The plugin asks for a one-time password.' }));
    expect(frameOf(app).split('\n')[2]).toBe('The plugin asks for a one-time password.');
  });
});

describe('timeline', () => {
  it('shows each call with its verdict and duration', async () => {
    const app = await renderApp(
      view({
        transcript: [
          call('authenticate'),
          verdict('authenticate', { verdict: 'ACCEPT' }, 41),
          call('authorize'),
          verdict('authorize', { verdict: 'DENY', reason: 'outside office hours' }, 7),
        ],
      }),
    );
    const lines = frameOf(app).split('\n');
    expect(lines.find((l) => l.includes('authenticate'))).toMatch(/✓ AA authenticate\s+ACCEPT\s+41 ms/);
    expect(lines.find((l) => l.includes('authorize'))).toMatch(/AA authorize\s+DENY\s+7 ms\s+outside office hours/);
  });

  it('shows the error kind and message of a failed call', async () => {
    const app = await renderApp(
      view({
        transcript: [
          call('authenticate'),
          { type: 'hook-error', plugin: 'aa', hook: 'authenticate', kind: 'timeout', message: 'killed after 300 s', logs: [], durationMs: 300000 },
        ],
      }),
    );
    expect(frameOf(app)).toMatch(/✗ AA authenticate\s+timeout\s+300000 ms\s+killed after 300 s/);
  });

  it('shows None for an authenticate that returned None', async () => {
    const app = await renderApp(view({ transcript: [call('authenticate'), verdict('authenticate', null)] }));
    expect(frameOf(app)).toMatch(/AA authenticate\s+None/);
  });

  it('shows the running call with its elapsed seconds, counting up', async () => {
    const app = await renderApp(
      view({
        transcript: [call('authenticate')],
        running: { plugin: 'aa', hook: 'authenticate', startedAt: Date.now() - 2000 },
        liveLogs: [{ stream: 'stdout', text: 'contacting radius server' }],
      }),
    );
    const first = frameOf(app);
    expect(first).toMatch(/AA authenticate\s+running 2\.\d s/);
    expect(first).toContain('contacting radius server');
    const seconds = (frame: string) => Number(/running (\d+\.\d) s/.exec(frame)?.[1]);
    await until(() => seconds(frameOf(app)) > seconds(first), () => frameOf(app), 5000);
  });

  it('tells stderr from stdout in the log pane', async () => {
    const app = await renderApp(
      view({
        transcript: [
          call('authenticate'),
          { ...(verdict('authenticate', { verdict: 'ACCEPT' }) as object), logs: [{ stream: 'stdout', text: 'hello' }, { stream: 'stderr', text: 'DeprecationWarning: x' }] } as never,
        ],
      }),
    );
    const frame = frameOf(app);
    expect(frame).toMatch(/AA │ hello/);
    expect(frame).toMatch(/AA!│ DeprecationWarning: x/);
  });
});
