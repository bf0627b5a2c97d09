import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { SessionView } from '../../src/protocol/view.js';
import { renderSession } from '../../src/ui/render-session.js';
import { askingOtp, view } from './fixtures.js';
import { clean, until } from './ink.js';

/** Just enough of a TTY for Ink: a writable with a size, and a raw-mode stdin. */
function terminal() {
  const written: string[] = [];
  const stdout = Object.assign(new EventEmitter(), { columns: 80, rows: 24, isTTY: true, write: (s: string) => (written.push(s), true) });
  let pending: string | null = null;
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: () => stdin,
    setEncoding: () => stdin,
    resume: () => stdin,
    pause: () => stdin,
    ref: () => stdin,
    unref: () => stdin,
    read: () => {
      const data = pending;
      pending = null;
      return data;
    },
    type: (data: string) => {
      pending = data;
      stdin.emit('readable');
    },
  });
  return { stdout, stdin, screen: () => clean(written.join('')) };
}

describe('renderSession', () => {
  it('re-renders on each store update, routes answers and Ctrl-C, and unmounts', async () => {
    let current: SessionView = view({ status: 'running' });
    const listeners = new Set<() => void>();
    const publish = (next: SessionView) => {
      current = next;
      for (const listener of listeners) listener();
    };
    const onAnswer = vi.fn();
    const onAbort = vi.fn();
    const term = terminal();
    // debug: Ink writes every frame; without it, under CI=1 Ink draws only the last frame, at unmount.
    const session = renderSession(
      () => current,
      (listener) => (listeners.add(listener), () => listeners.delete(listener)),
      { onAnswer, onAbort },
      { mask: 'star' },
      { stdout: term.stdout as never, stdin: term.stdin as never, stderr: term.stdout as never, patchConsole: false, debug: true },
    );
    await until(() => term.screen().includes('otp_plugin'), term.screen);

    publish(askingOtp());
    await until(() => term.screen().includes('One-time password:'), term.screen);
    term.stdin.type('42');
    await until(() => term.screen().includes('> **'), term.screen);
    term.stdin.type('\r');
    await until(() => onAnswer.mock.calls.length === 1, term.screen);
    expect(onAnswer).toHaveBeenCalledWith('42');

    term.stdin.type('\x03');
    await until(() => onAbort.mock.calls.length === 1, term.screen);
    session.unmount();
    await session.waitUntilExit();
    expect(listeners.size).toBe(0);
  });
});
