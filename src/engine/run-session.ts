/**
 * Drives the session machine to its end with real (or recorded) plugin hosts. Front ends differ only
 * in how they answer questions and what they do with each snapshot.
 */
import { createActor, fromPromise, type SnapshotFrom } from 'xstate';
import type { CallOptions, LogLine, PluginHost } from '../protocol/host.js';
import type { HookName } from '../protocol/plugin.js';
import type { Outcome, PluginRole, Question, TranscriptEvent } from '../protocol/session.js';
import type { PendingCall, SessionInput } from './context.js';
import { sessionMachine } from './machine.js';

export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/** An answer, or the reason there is none (the session then ends as ABORTED). */
export type AnswerReply = { value: string } | { unanswered: string };

export interface AskedQuestion extends Question {
  plugin: PluginRole;
  hook: HookName;
  /** How many times this key has been asked before in this session. */
  askedBefore: number;
}

export interface RunSessionOptions {
  input: SessionInput;
  hosts: Partial<Record<PluginRole, PluginHost>>;
  answer: (question: AskedQuestion) => AnswerReply | Promise<AnswerReply>;
  /** Per-plugin call options: timeout and the session's environment. */
  callOptions?: Partial<Record<PluginRole, Omit<CallOptions, 'signal' | 'onLog'>>>;
  onLog?: (call: PendingCall, line: LogLine) => void;
  /** Awaited before each hook call: the demo paces the session with it. */
  beforeCall?: (call: PendingCall) => Promise<void>;
  onSnapshot?: (snapshot: SessionSnapshot) => void;
  /** Aborting it is Ctrl-C: the machine still calls session_ended before it resolves. */
  signal?: AbortSignal;
}

export interface SessionResult {
  outcome: Outcome;
  transcript: TranscriptEvent[];
}

export function runSession(options: RunSessionOptions): Promise<SessionResult> {
  const { hosts, callOptions = {}, onLog } = options;
  const machine = sessionMachine.provide({
    actors: {
      callHook: fromPromise(async ({ input, signal }: { input: PendingCall; signal: AbortSignal }) => {
        const host = hosts[input.plugin];
        if (!host) throw new Error(`no host for the ${input.plugin} plugin`);
        await options.beforeCall?.(input);
        return host.call(input.hook, input.args, {
          ...callOptions[input.plugin],
          signal,
          ...(onLog ? { onLog: (line: LogLine) => onLog(input, line) } : {}),
        });
      }),
    },
  });
  const actor = createActor(machine, { input: options.input });

  return new Promise<SessionResult>((resolve, reject) => {
    let pending: object | undefined;
    const ask = (snapshot: SessionSnapshot): void => {
      const question = snapshot.context.question;
      if (!snapshot.matches({ active: 'asking' }) || !question || question === pending) return;
      pending = question;
      const askedBefore = snapshot.context.transcript.filter((e) => e.type === 'question' && e.key === question.key).length - 1;
      Promise.resolve(options.answer({ ...question, askedBefore }))
        .then((reply) => {
          if (actor.getSnapshot().context.question !== question) return;
          actor.send('value' in reply ? { type: 'ANSWER', value: reply.value } : { type: 'ABORT', kind: 'unanswered', message: reply.unanswered });
        })
        .catch((error: unknown) => actor.send({ type: 'ABORT', message: error instanceof Error ? error.message : String(error) }));
    };
    const onAbort = (): void => actor.send({ type: 'ABORT' });
    actor.subscribe({
      next: (snapshot) => {
        options.onSnapshot?.(snapshot);
        if (snapshot.status === 'done') {
          options.signal?.removeEventListener('abort', onAbort);
          resolve({ outcome: snapshot.output!, transcript: snapshot.context.transcript });
        } else {
          ask(snapshot);
        }
      },
      error: reject,
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    actor.start();
    if (options.signal?.aborted) onAbort();
  });
}
