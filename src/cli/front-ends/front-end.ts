/** How `run` and `demo` talk to whoever plays the user: the Ink screen or plain lines. */
import type { AnswerReply, AskedQuestion } from '../../engine/run-session.js';
import type { TranscriptEvent } from '../../protocol/session.js';
import type { ViewStore } from '../view-store.js';

export interface FrontEnd {
  /** Starts drawing; the store has its first view. */
  start(store: ViewStore): void;
  ask(question: AskedQuestion): Promise<AnswerReply>;
  /** Answers a question by typing `text` one character every `charDelayMs`, as a person would (the demo). */
  type(question: AskedQuestion, text: string, charDelayMs: number): Promise<AnswerReply>;
  /**
   * Draws the end of the session and lets go of the terminal; with `keep`, only once the user has
   * looked (the Ink screen waits for q or Enter; plain lines have nothing to wait for).
   */
  finish(keep: boolean): Promise<void>;
}

export interface FrontEndOptions {
  mask: 'star' | 'none';
  /** Called when the user asks to abort (Ctrl-C). */
  onAbort: () => void;
  /** A sentence to show before an event (the demo's captions). */
  caption?: (event: TranscriptEvent, before: TranscriptEvent[]) => string | undefined;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
