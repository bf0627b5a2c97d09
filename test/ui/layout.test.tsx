import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderApp } from './app.js';
import { answeredOtp, askingOtp, call, verdict } from './fixtures.js';
import { frameOf, until } from './ink.js';
import type { SessionView } from '../../src/protocol/view.js';
import { shareMiddle } from '../../src/ui/layout.js';

afterEach(cleanup);

type Rendered = Awaited<ReturnType<typeof renderApp>>;

/** ink-testing-library's stdout is 100×(unknown); give it a size and tell Ink, as a terminal would. */
async function resize(app: Rendered, columns: number, rows: number): Promise<string> {
  Object.defineProperty(app.stdout, 'columns', { configurable: true, get: () => columns });
  Object.defineProperty(app.stdout, 'rows', { configurable: true, get: () => rows });
  app.stdout.emit('resize');
  // The section rules span the full width, so they show when Ink has laid out for the new size.
  const rule = () => frameOf(app).split('\n').find((line) => line.startsWith('── hooks')) ?? '';
  await until(() => [...rule()].length === columns, () => frameOf(app));
  return frameOf(app);
}

const long = 'x'.repeat(150);

/** Everything at once, all of it too long: 20 calls, 60 log lines, long prompts, long cookies. */
function busy(): SessionView {
  const transcript = [];
  for (let i = 0; i < 20; i++) {
    transcript.push(call('authenticate'), {
      ...(verdict('authenticate', { verdict: 'DENY', reason: `reason ${i} ${long}` }) as object),
      logs: Array.from({ length: 3 }, (_, j) => ({ stream: j === 2 ? 'stderr' : 'stdout', text: `log ${i}.${j} ${long}` })),
    } as never);
  }
  const base = askingOtp();
  return {
    ...base,
    plugins: {
      aa: { name: `otp_plugin_${long}`, version: '1.2.0', type: 'aa' },
      credentialstore: { name: 'vault_store', version: '0.3.1', type: 'credentialstore' },
    },
    transcript: [...transcript, ...base.transcript],
    question: { ...base.question!, prompt: `Please enter ${long}` },
    cookies: { aa: { blob: long } },
    caption: `Caption ${long}`,
  };
}

function expectFits(frame: string, columns: number, rows: number): void {
  const lines = frame.split('\n');
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(columns);
  expect(lines.length).toBeLessThan(rows);
}

describe('layout', () => {
  it('fits 80×24 with everything too long, keeping the newest calls, the prompt and the help line', async () => {
    const app = await renderApp(busy());
    const frame = await resize(app, 80, 24);
    expectFits(frame, 80, 24);
    expect(frame).toContain('? otp: One-time password:');
    expect(frame).toMatch(/log 19\.2/);
    expect(frame).toMatch(/^>/m);
    expect(frame.split('\n').at(-1)).toMatch(/^Enter submit · Backspace delete · Ctrl-C abort/);
  });

  it('re-lays out after a resize, narrower and wider', async () => {
    const app = await renderApp(busy());
    expectFits(await resize(app, 80, 24), 80, 24);
    expectFits(await resize(app, 50, 16), 50, 16);
    const wide = await resize(app, 120, 40);
    expectFits(wide, 120, 40);
    expect(wide.split('\n').length).toBeGreaterThan(20);
  });

  it('fits 80×24 with the state view and with a summary that has a long traceback', async () => {
    const traceback = Array.from({ length: 40 }, (_, i) => `  frame ${i} ${long}`).join('\n') + '\nValueError: the end';
    const error = { verdict: 'ERROR', gateway_user: null, gateway_groups: null, error: { plugin: 'aa', hook: 'authenticate', kind: 'exception', message: 'ValueError: the end', traceback } } as const;
    const app = await renderApp(answeredOtp(error));
    const frame = await resize(app, 80, 24);
    expectFits(frame, 80, 24);
    expect(frame).toContain('ValueError: the end');
    expect(frame).toContain('session_ended: AA called');
    app.stdin.write('c');
    await until(() => frameOf(app).includes('── cookies'));
    expectFits(frameOf(app), 80, 24);
    expect(frameOf(app)).toContain('session_ended: AA called');
  });
});

describe('shareMiddle', () => {
  it('gives both what they want when it fits', () => {
    expect(shareMiddle(20, 3, 4)).toEqual({ timeline: 4, pane: 5 });
  });
  it('lets the timeline take what the pane does not need', () => {
    expect(shareMiddle(10, 30, 1)).toEqual({ timeline: 8, pane: 2 });
  });
  it('keeps at least half for each when both overflow', () => {
    expect(shareMiddle(10, 30, 30)).toEqual({ timeline: 5, pane: 5 });
  });
});
