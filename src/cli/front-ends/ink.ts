/** The interactive front end: the Ink screen. Loaded only by `run` and `demo` at a terminal. */
import { PassThrough } from 'node:stream';
import type { AnswerReply } from '../../engine/run-session.js';
import { renderSession, type RenderedSession } from '../../ui/render-session.js';
import type { ViewStore } from '../view-store.js';
import { sleep, type FrontEnd, type FrontEndOptions } from './front-end.js';

/**
 * Ink's input: the keyboard, plus keys the demo types itself. The demo's answers go through the
 * same masked input a person's would.
 */
function keyboardWithTyping(): PassThrough & { isTTY: boolean; setRawMode: (mode: boolean) => void; ref: () => void; unref: () => void } {
  const stream = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: (mode: boolean) => {
      if (process.stdin.isTTY) process.stdin.setRawMode(mode);
    },
    ref: () => process.stdin.ref(),
    unref: () => process.stdin.unref(),
  });
  process.stdin.on('data', (chunk) => stream.write(chunk));
  return stream;
}

export function inkFrontEnd(options: FrontEndOptions): FrontEnd {
  let pending: ((reply: AnswerReply) => void) | undefined;
  let screen: RenderedSession | undefined;
  const stdin = keyboardWithTyping();
  let quit = (): void => undefined;
  const quitting = new Promise<void>((resolve) => (quit = resolve));
  const ask = (): Promise<AnswerReply> =>
    new Promise<AnswerReply>((resolve) => {
      pending = resolve;
    });
  return {
    start(store: ViewStore) {
      screen = renderSession(
        store.get,
        store.subscribe,
        {
          onAnswer: (value) => {
            const resolve = pending;
            pending = undefined;
            resolve?.({ value });
          },
          onAbort: options.onAbort,
        },
        { mask: options.mask, onQuit: () => quit() },
        { stdin: stdin as unknown as NodeJS.ReadStream },
      );
    },
    ask,
    async type(_question, text, charDelayMs) {
      const answer = ask();
      for (const ch of text) {
        await sleep(charDelayMs);
        stdin.write(ch);
      }
      await sleep(charDelayMs);
      stdin.write('\r');
      return answer;
    },
    async finish(keep) {
      // Let Ink draw the final view before it lets go of the terminal.
      if (keep && screen) await quitting;
      else await sleep(50);
      screen?.unmount();
      process.stdin.pause();
    },
  };
}
