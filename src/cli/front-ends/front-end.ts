/** How `run` and `demo` talk to whoever plays the user: the Ink screen or plain lines. */
import type { AnswerReply, AskedQuestion } from '../../engine/run-session.js';
import type { ViewStore } from '../view-store.js';

export interface FrontEnd {
  /** Starts drawing; the store has its first view. */
  start(store: ViewStore): void;
  ask(question: AskedQuestion): Promise<AnswerReply>;
  /** Draws the end of the session and lets go of the terminal. */
  finish(): Promise<void>;
}

export interface FrontEndOptions {
  mask: 'star' | 'none';
  /** Called when the user asks to abort (Ctrl-C). */
  onAbort: () => void;
}
