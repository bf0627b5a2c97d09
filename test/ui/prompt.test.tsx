import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderApp } from './app.js';
import { askingOtp, SECRET } from './fixtures.js';
import { clean, frameOf, KEY, press, until } from './ink.js';

afterEach(cleanup);

const inputLine = (frame: string) => (frame.split('\n').find((line) => line.startsWith('>')) ?? '').trimEnd();

describe('masked prompt (echo off)', () => {
  it('shows one * per typed character, never the secret, and submits the exact secret', async () => {
    const app = await renderApp(askingOtp());
    const chars = [...SECRET];
    for (const [i, ch] of chars.entries()) {
      const frame = await press(app, ch, (f) => inputLine(f).includes('*'.repeat(i + 1)));
      expect(inputLine(frame)).toBe(`> ${'*'.repeat(i + 1)}`);
    }
    await press(app, KEY.enter, (f) => !inputLine(f).includes('*'));
    expect(app.onAnswer).toHaveBeenCalledTimes(1);
    expect(app.onAnswer).toHaveBeenCalledWith(SECRET);
    for (const frame of app.frames.map(clean)) {
      expect(frame).not.toContain(SECRET);
      // Not even a prefix of it longer than one character (each prefix was on screen once, if at all).
      expect(frame).not.toContain(SECRET.slice(0, 2));
    }
  });

  it("shows nothing for typed characters with mask 'none'", async () => {
    const app = await renderApp(askingOtp(), { mask: 'none' });
    const before = inputLine(frameOf(app));
    app.stdin.write('s3');
    await until(() => app.frames.length > 0);
    app.stdin.write(KEY.enter);
    await until(() => app.onAnswer.mock.calls.length === 1);
    expect(app.onAnswer).toHaveBeenCalledWith('s3');
    for (const frame of app.frames.map(clean)) {
      expect(inputLine(frame)).toBe(before);
      expect(frame).not.toContain('*');
      expect(frame).not.toContain('s3');
    }
  });

  it('Backspace removes the last character from the answer', async () => {
    const app = await renderApp(askingOtp());
    await press(app, 'abc', (f) => inputLine(f).includes('***'));
    await press(app, KEY.backspace, (f) => inputLine(f) === '> **');
    await press(app, '\b', (f) => inputLine(f) === '> *');
    await press(app, 'z', (f) => inputLine(f) === '> **');
    app.stdin.write(KEY.enter);
    await until(() => app.onAnswer.mock.calls.length === 1);
    expect(app.onAnswer).toHaveBeenCalledWith('az');
  });

  it('a chunk with a line break (a paste, tmux send-keys) submits what came before it', async () => {
    const app = await renderApp(askingOtp());
    app.stdin.write(`${SECRET}\r`);
    await until(() => app.onAnswer.mock.calls.length === 1);
    expect(app.onAnswer).toHaveBeenCalledWith(SECRET);
    expect(app.frames.map(clean).join('\n')).not.toContain(SECRET);
  });

  it('keys with Ctrl, Tab and escape sequences do not go into the answer', async () => {
    const app = await renderApp(askingOtp());
    await press(app, 'a', (f) => inputLine(f) === '> *');
    await press(app, KEY.tab, (f) => f.includes('key_value_pairs'));
    app.stdin.write('\x1b[A');
    await press(app, 'b', (f) => inputLine(f) === '> **');
    app.stdin.write(KEY.enter);
    await until(() => app.onAnswer.mock.calls.length === 1);
    expect(app.onAnswer).toHaveBeenCalledWith('ab');
  });

  it('an empty answer is submitted as the empty string', async () => {
    const app = await renderApp(askingOtp());
    app.stdin.write(KEY.enter);
    await until(() => app.onAnswer.mock.calls.length === 1);
    expect(app.onAnswer).toHaveBeenCalledWith('');
  });

  it('starts empty for the next question', async () => {
    const app = await renderApp(askingOtp());
    await press(app, 'abc', (f) => inputLine(f).includes('***'));
    const next = askingOtp();
    next.transcript = [...next.transcript, { type: 'answer', key: 'otp', value: 'abc', echo: false }, next.transcript[2]!];
    app.rerender(next);
    await until(() => inputLine(frameOf(app)) === '>');
  });
});

describe('echo-on prompt', () => {
  it('shows the typed text', async () => {
    const app = await renderApp(askingOtp(true));
    await press(app, 'alice', (f) => inputLine(f) === '> alice');
    expect(frameOf(app)).not.toContain('(hidden)');
    app.stdin.write(KEY.enter);
    await until(() => app.onAnswer.mock.calls.length === 1);
    expect(app.onAnswer).toHaveBeenCalledWith('alice');
  });
});

describe('Ctrl-C', () => {
  it('calls onAbort and does not unmount', async () => {
    const app = await renderApp(askingOtp());
    const frame = await press(app, KEY.ctrlC, (f) => f.includes('aborting'));
    expect(app.onAbort).toHaveBeenCalledTimes(1);
    expect(app.onAnswer).not.toHaveBeenCalled();
    expect(frame).toContain('One-time password:');
  });

  it('aborts outside a prompt too', async () => {
    const app = await renderApp({ ...askingOtp(), status: 'running', question: undefined } as never);
    await press(app, KEY.ctrlC, (f) => f.includes('aborting'));
    expect(app.onAbort).toHaveBeenCalledTimes(1);
  });
});
