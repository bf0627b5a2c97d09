/** The screen after the session: it stays until q, Enter or Ctrl-C, and its keys still work. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderApp } from './app.js';
import { accept, answeredOtp, call, view } from './fixtures.js';
import { frameOf, KEY, press, until } from './ink.js';

afterEach(cleanup);

describe('the final screen', () => {
  it.each([['q', 'q'], ['Enter', KEY.enter], ['Ctrl-C', KEY.ctrlC]])('offers q/Enter, keeps Tab working, and %s quits without aborting', async (_name, key) => {
    const onQuit = vi.fn<() => void>();
    const app = await renderApp(answeredOtp(accept), { mask: 'star', onQuit });
    expect(frameOf(app)).toContain('q/Enter quit · c/Tab cookies');
    expect(frameOf(app)).not.toContain('Ctrl-C abort');
    await press(app, KEY.tab, (f) => f.includes('c/Tab logs'));
    expect(onQuit).not.toHaveBeenCalled();
    app.stdin.write(key);
    await until(() => onQuit.mock.calls.length === 1);
    expect(app.onAbort).not.toHaveBeenCalled();
  });

  it('while the session runs, q is no key of its own and Ctrl-C aborts', async () => {
    const onQuit = vi.fn<() => void>();
    const app = await renderApp(view({ status: 'running', transcript: [call('authenticate')] }), { mask: 'star', onQuit });
    expect(frameOf(app)).toContain('Ctrl-C abort');
    app.stdin.write('q');
    app.stdin.write(KEY.ctrlC);
    await until(() => app.onAbort.mock.calls.length === 1);
    expect(onQuit).not.toHaveBeenCalled();
    await until(() => frameOf(app).includes('aborting, waiting for session_ended'));
    // Once the session is over, the status line says the abort is done.
    app.rerender({ ...answeredOtp({ verdict: 'ABORTED', gateway_user: null, gateway_groups: null }) });
    await until(() => frameOf(app).includes('aborted, session_ended was called'), () => frameOf(app));
  });

  it('explains the ! that marks what the plugin wrote to stderr', async () => {
    const done = answeredOtp(accept);
    const transcript = done.transcript.map((e) =>
      e.type === 'hook-result' && e.hook === 'authenticate' && e.logs.length ? { ...e, logs: [{ stream: 'stderr' as const, text: 'a warning' }] } : e,
    );
    const app = await renderApp({ ...done, transcript }, { mask: 'star' });
    expect(frameOf(app)).toMatch(/AA!│ a warning/);
    expect(frameOf(app)).toMatch(/plugin output.*! stderr/);
  });
});
