/** The log pane pages back through long output and returns to the newest line. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { SessionView } from '../../src/protocol/view.js';
import { renderApp } from './app.js';
import { call, verdict, view } from './fixtures.js';
import { frameOf, press } from './ink.js';

afterEach(cleanup);

const KEYS = { pageUp: '\u001b[5~', pageDown: '\u001b[6~', home: '\u001b[H', end: '\u001b[F' } as const;

/** One authenticate call that printed 80 numbered lines: far more than any pane shows. */
function chatty(): SessionView {
  const logs = Array.from({ length: 80 }, (_, i) => ({ stream: 'stdout' as const, text: `line ${String(i + 1).padStart(2, '0')}` }));
  return view({ status: 'running', transcript: [call('authenticate'), { ...(verdict('authenticate', { verdict: 'ACCEPT' }) as object), logs } as never] });
}

const shownLines = (frame: string): number[] => [...frame.matchAll(/line (\d\d)/g)].map((m) => Number(m[1]));

describe('the log pane', () => {
  it('follows the newest line, pages back with PgUp and Home, forward with PgDn, and End returns', async () => {
    const app = await renderApp(chatty());
    expect(shownLines(frameOf(app)).at(-1)).toBe(80);
    expect(frameOf(app)).toContain('PgUp/PgDn logs');

    const back = await press(app, KEYS.pageUp, (f) => f.includes('later'));
    const page = shownLines(back);
    expect(page.at(-1)).toBeLessThan(80);
    expect(back).toMatch(new RegExp(`${80 - page.at(-1)!} later · End: newest`));

    const first = await press(app, KEYS.home, (f) => shownLines(f)[0] === 1);
    expect(first).toMatch(/plugin output.*\d+ later/);

    const forward = await press(app, KEYS.pageDown, (f) => shownLines(f)[0]! > 1);
    expect(shownLines(forward)[0]).toBeGreaterThan(1);

    const newest = await press(app, KEYS.end, (f) => !f.includes('later'));
    expect(shownLines(newest).at(-1)).toBe(80);
  });
});
