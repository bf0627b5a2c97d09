/**
 * One SPS session as a state machine: authenticate (with its NEEDINFO loop), authorize (which may
 * ask too), the credential store's fetch and trial, authentication_completed, and session_ended
 * once for every plugin that took part, on every path out. Plugin code runs only through the
 * injected `callHook` actor, so the same machine serves live sessions, tests and replays.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { HookResult } from '../protocol/host.js';
import type { HookName } from '../protocol/plugin.js';
import type { Outcome, PluginRole } from '../protocol/session.js';
import { asksPasswordFirst, fetchOrder, finalOutcome, initialContext, type PendingCall, type SessionContext, type SessionInput } from './context.js';
import { askServerPassword, serverPasswordAnswered } from './server-login.js';
import {
  aaResult,
  aborted,
  answered,
  beginCall,
  credentialsResult,
  fetchHook,
  hookFailed,
  nextToEnd,
  stateOnlyResult,
} from './transitions.js';

export type SessionEvent =
  | { type: 'ANSWER'; value: string }
  | { type: 'ABORT'; kind?: 'aborted' | 'unanswered'; message?: string };

type CallParams = { plugin: PluginRole; hook: HookName | 'fetch' };

/** Done events of invoked actors are not in the machine's own event union. */
const outputOf = (event: unknown): HookResult => (event as { output: HookResult }).output;

const callHookInput = ({ context }: { context: SessionContext }): PendingCall => context.call!;

type Recorder = 'recordAaResult' | 'recordCredentials' | 'recordStateOnly';

/** A state that calls one hook, records what came back and moves on; any failure ends the session. */
const callState = (plugin: PluginRole, hook: CallParams['hook'], after: string, record: Recorder) =>
  ({
    entry: { type: 'beginCall', params: { plugin, hook } },
    invoke: {
      src: 'callHook',
      input: callHookInput,
      onDone: { target: after, actions: record },
      onError: { target: '#session.ending', actions: 'recordHookError' },
    },
  }) as const;

export const sessionMachine = setup({
  types: {} as {
    context: SessionContext;
    input: SessionInput;
    events: SessionEvent;
    output: Outcome;
  },
  actors: {
    callHook: fromPromise<HookResult, PendingCall>(async () => {
      throw new Error('no plugin host was provided to the session machine');
    }),
  },
  guards: {
    hasAa: ({ context }) => context.input.aa !== undefined,
    hasCredentialStore: ({ context }) => context.input.credentialstore !== undefined,
    isEnding: ({ context }) => context.ending !== undefined,
    hasQuestion: ({ context }) => context.question !== undefined,
    askedByAuthorize: ({ context }) => context.askingFor === 'authorize',
    askedForServerPassword: ({ context }) => context.askingFor === 'server-password',
    asksPasswordFirst: ({ context }) => asksPasswordFirst(context.input) && context.typedPassword === undefined,
    hasCredential: ({ context }) => context.credential !== undefined,
    nothingToFetch: ({ context }) => fetchOrder(context.input).length === 0,
    hasPluginToEnd: ({ context }) => nextToEnd(context) !== undefined,
  },
  actions: {
    beginCall: assign(({ context }, { plugin, hook }: CallParams) =>
      beginCall(context, plugin, hook === 'fetch' ? fetchHook(context) : hook),
    ),
    beginSessionEnded: assign(({ context }) => beginCall(context, nextToEnd(context)!, 'session_ended')),
    recordAaResult: assign(({ context, event }) => aaResult(context, outputOf(event))),
    recordCredentials: assign(({ context, event }) => credentialsResult(context, outputOf(event))),
    recordStateOnly: assign(({ context, event }) => stateOnlyResult(context, outputOf(event))),
    recordHookError: assign(({ context, event }) => hookFailed(context, (event as unknown as { error: unknown }).error)),
    recordAnswer: assign(({ context, event }) => answered(context, (event as { value: string }).value)),
    askServerPassword: assign(({ context }) => askServerPassword(context)),
    recordServerPassword: assign(({ context, event }) => serverPasswordAnswered(context, (event as { value: string }).value)),
    noMethod: assign({
      ending: () => ({
        verdict: 'ERROR' as const,
        error: {
          plugin: 'credentialstore' as const,
          hook: null,
          kind: 'credentials' as const,
          message: 'the target offers neither publickey nor password: SPS does not support keyboard-interactive authentication with credential stores',
        },
      }),
    }),
    abort: assign(({ context, event }) => {
      const e = event as Extract<SessionEvent, { type: 'ABORT' }>;
      return aborted(context, e.kind ?? 'aborted', e.message ?? 'the session was aborted');
    }),
    accept: assign({ ending: () => ({ verdict: 'ACCEPT' as const }) }),
    noPlugin: assign({
      ending: () => ({
        verdict: 'ERROR' as const,
        error: { plugin: null, hook: null, kind: 'protocol' as const, message: 'the session has no plugin to run' },
      }),
    }),
    finish: assign(({ context }) => {
      const outcome = finalOutcome(context);
      return { outcome, transcript: [...context.transcript, { type: 'outcome' as const, outcome }] };
    }),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => initialContext(input),
  initial: 'active',
  states: {
    active: {
      initial: 'start',
      on: { ABORT: { target: 'ending', actions: 'abort' } },
      states: {
        start: {
          always: [
            { guard: 'asksPasswordFirst', target: 'asking', actions: 'askServerPassword' },
            { guard: 'hasAa', target: 'authenticate' },
            { guard: 'hasCredentialStore', target: 'credentials' },
            { target: '#session.ending', actions: 'noPlugin' },
          ],
        },
        authenticate: callState('aa', 'authenticate', 'afterAuthenticate', 'recordAaResult'),
        afterAuthenticate: {
          always: [
            { guard: 'isEnding', target: '#session.ending' },
            { guard: 'hasQuestion', target: 'asking' },
            { target: 'authorize' },
          ],
        },
        asking: {
          on: {
            ANSWER: [
              { guard: 'askedForServerPassword', target: 'afterServerPassword', actions: 'recordServerPassword' },
              { guard: 'askedByAuthorize', target: 'authorize', actions: 'recordAnswer' },
              { target: 'authenticate', actions: 'recordAnswer' },
            ],
          },
        },
        authorize: callState('aa', 'authorize', 'afterAuthorize', 'recordAaResult'),
        afterAuthorize: {
          always: [
            { guard: 'isEnding', target: '#session.ending' },
            { guard: 'hasQuestion', target: 'asking' },
            { guard: 'hasCredentialStore', target: 'credentials' },
            { target: 'connected' },
          ],
        },
        credentials: {
          always: [{ guard: 'nothingToFetch', target: '#session.ending', actions: 'noMethod' }, { target: 'fetchCredentials' }],
        },
        fetchCredentials: callState('credentialstore', 'fetch', 'afterFetch', 'recordCredentials'),
        // Each kind the target offers in turn, then SPS's own question for the password, or the end.
        afterFetch: {
          always: [
            { guard: 'isEnding', target: '#session.ending' },
            { guard: 'hasQuestion', target: 'asking' },
            { guard: 'hasCredential', target: 'authenticationCompleted' },
            { target: 'fetchCredentials' },
          ],
        },
        afterServerPassword: {
          always: [
            { guard: 'isEnding', target: '#session.ending' },
            { guard: 'hasCredential', target: 'authenticationCompleted' },
            // Asked at the start (RDP with NLA): the session begins now.
            { guard: 'hasAa', target: 'authenticate' },
            { target: 'credentials' },
          ],
        },
        authenticationCompleted: callState('credentialstore', 'authentication_completed', 'afterCompleted', 'recordStateOnly'),
        afterCompleted: {
          always: [{ guard: 'isEnding', target: '#session.ending' }, { target: 'connected' }],
        },
        connected: {
          always: { target: '#session.ending', actions: 'accept' },
        },
      },
    },
    ending: {
      initial: 'next',
      states: {
        next: {
          always: [{ guard: 'hasPluginToEnd', target: 'calling' }, { target: '#session.done' }],
        },
        calling: {
          entry: 'beginSessionEnded',
          invoke: {
            src: 'callHook',
            input: callHookInput,
            onDone: { target: 'next', actions: 'recordStateOnly' },
            onError: { target: 'next', actions: 'recordHookError' },
          },
        },
      },
    },
    done: { type: 'final', entry: 'finish' },
  },
  output: ({ context }) => context.outcome!,
});

