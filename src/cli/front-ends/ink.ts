/** The interactive front end: the Ink screen. Loaded only by `run` and `demo` at a terminal. */
import type { AnswerReply, AskedQuestion } from '../../engine/run-session.js';
import { renderSession, type RenderedSession } from '../../ui/render-session.js';
import type { ViewStore } from '../view-store.js';
import type { FrontEnd, FrontEndOptions } from './front-end.js';

export function inkFrontEnd(options: FrontEndOptions): FrontEnd {
  let pending: ((reply: AnswerReply) => void) | undefined;
  let screen: RenderedSession | undefined;
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
        { mask: options.mask },
      );
    },
    ask(_question: AskedQuestion) {
      return new Promise<AnswerReply>((resolve) => {
        pending = resolve;
      });
    },
    async finish() {
      // Let Ink draw the final view before it lets go of the terminal.
      await new Promise((resolve) => setTimeout(resolve, 50));
      screen?.unmount();
    },
  };
}
