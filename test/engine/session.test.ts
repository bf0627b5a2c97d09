/**
 * The session machine driven through the real Python host with scripted fixture plugins: every
 * path out of a session calls session_ended exactly once for each plugin that took part.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSession, type AnswerReply } from '../../src/engine/run-session.js';
import type { Json } from '../../src/protocol/json.js';
import type { TranscriptEvent } from '../../src/protocol/session.js';
import { bookAnswers } from '../../src/runner/answers.js';
import { loadForRole, startHosts, type LoadedPlugin } from '../../src/runner/plugins.js';
import { defaultConnection } from '../../src/scenario/connection.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/sessions/${name}`, import.meta.url));

type Script = Record<string, Json[]>;

interface Options {
  aa?: Script;
  cs?: Script;
  answers?: Record<string, string | string[]>;
  answer?: () => AnswerReply | Promise<AnswerReply>;
  target?: { passwords?: string[] };
  timeoutMs?: number;
  signal?: AbortSignal;
  connection?: Partial<ReturnType<typeof defaultConnection>>;
}

async function session(options: Options) {
  const plugins: LoadedPlugin[] = [];
  if (options.aa) plugins.push(await loadForRole(fixture('scripted-aa'), JSON.stringify(options.aa), 'aa'));
  if (options.cs) plugins.push(await loadForRole(fixture('scripted-cs'), JSON.stringify(options.cs), 'credentialstore'));
  const started = await startHosts(plugins, { timeoutMs: options.timeoutMs ?? 10_000 });
  try {
    const input = {
      connection: { ...defaultConnection('ssh'), server_username: 'root', ...options.connection },
      target: options.target ?? {},
      ...Object.fromEntries(plugins.map((p) => [p.role, p.slot])),
    };
    return await runSession({
      input,
      hosts: started.hosts,
      callOptions: started.callOptions,
      answer: options.answer ?? bookAnswers(options.answers ?? {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    await started.close();
  }
}

const calls = (transcript: TranscriptEvent[]): string[] =>
  transcript.flatMap((e) => (e.type === 'hook-call' ? [`${e.plugin}.${e.hook}`] : []));

const endedOnce = (transcript: TranscriptEvent[], plugin: string): void => {
  expect(calls(transcript).filter((c) => c === `${plugin}.session_ended`)).toHaveLength(1);
};

const ACCEPT = { verdict: 'ACCEPT' };

describe('the session lifecycle', () => {
  it('ACCEPT: authenticate, authorize, session_ended', async () => {
    const { outcome, transcript } = await session({ aa: { authenticate: [ACCEPT], authorize: [ACCEPT] } });
    expect(outcome.verdict).toBe('ACCEPT');
    expect(calls(transcript)).toEqual(['aa.authenticate', 'aa.authorize', 'aa.session_ended']);
    expect(transcript.at(-1)).toMatchObject({ type: 'outcome' });
  });

  it('NEEDINFO: the answer reaches key_value_pairs of the next authenticate call', async () => {
    const { outcome, transcript } = await session({
      aa: { authenticate: [{ verdict: 'NEEDINFO', question: ['otp', 'Code: ', true] }, ACCEPT], authorize: [ACCEPT] },
      answers: { otp: '4242' },
    });
    expect(outcome.verdict).toBe('ACCEPT');
    const question = transcript.find((e) => e.type === 'question');
    expect(question).toMatchObject({ key: 'otp', prompt: 'Code: ', echo: false });
    const secondCall = transcript.filter((e) => e.type === 'hook-call' && e.hook === 'authenticate')[1];
    expect(secondCall).toMatchObject({ args: { key_value_pairs: { otp: '4242' } } });
  });

  it('authorize may ask too, and keeps the answers gathered in authenticate', async () => {
    const { outcome, transcript } = await session({
      aa: {
        authenticate: [{ verdict: 'NEEDINFO', question: ['user', 'User: '] }, ACCEPT],
        authorize: [{ verdict: 'NEEDINFO', question: ['ticket', 'Ticket: '] }, ACCEPT],
      },
      answers: { user: 'bob', ticket: 'T-1' },
    });
    expect(outcome.verdict).toBe('ACCEPT');
    const lastAuthorize = transcript.filter((e) => e.type === 'hook-call' && e.hook === 'authorize').at(-1);
    expect(lastAuthorize).toMatchObject({ args: { key_value_pairs: { user: 'bob', ticket: 'T-1' } } });
  });

  it('DENY ends the session without authorize, with the reason', async () => {
    const { outcome, transcript } = await session({ aa: { authenticate: [{ verdict: 'DENY', reason: 'no way' }] } });
    expect(outcome).toMatchObject({ verdict: 'DENY', reason: 'no way', authenticate: 'DENY' });
    expect(calls(transcript)).toEqual(['aa.authenticate', 'aa.session_ended']);
  });

  it.each([['none'], [{ verdict: 'NONE' }]])('authenticate returning %j goes on to authorize', async (response) => {
    const { outcome, transcript } = await session({ aa: { authenticate: [response as Json], authorize: [ACCEPT] } });
    expect(outcome.verdict).toBe('ACCEPT');
    expect(calls(transcript)).toContain('aa.authorize');
  });

  it.each([
    ['authenticate raises', { authenticate: ['raise'] }, 'exception'],
    ['authorize raises', { authenticate: [ACCEPT], authorize: ['raise'] }, 'exception'],
    ['authorize exits', { authenticate: [ACCEPT], authorize: ['exit'] }, 'exit'],
    ['authenticate times out', { authenticate: ['sleep'] }, 'timeout'],
  ])('%s: ERROR, and session_ended still runs once', async (_name, script, kind) => {
    const { outcome, transcript } = await session({ aa: script as Script, timeoutMs: 1000 });
    expect(outcome.verdict).toBe('ERROR');
    expect(outcome.error?.kind).toBe(kind);
    endedOnce(transcript, 'aa');
  });

  it('a bad verdict is a session error naming the hook and the value', async () => {
    const { outcome } = await session({ aa: { authenticate: [{ verdict: 'MAYBE' }] } });
    expect(outcome.error).toMatchObject({ kind: 'protocol', hook: 'authenticate' });
    expect(outcome.error?.message).toContain('"MAYBE"');
  });

  it('a failing session_ended is recorded but does not change the verdict', async () => {
    const { outcome, transcript } = await session({ aa: { authenticate: [ACCEPT], authorize: [ACCEPT], session_ended: ['raise'] } });
    expect(outcome.verdict).toBe('ACCEPT');
    expect(transcript.some((e) => e.type === 'hook-error' && e.hook === 'session_ended')).toBe(true);
  });

  it('an unanswered question ends the session as ABORTED, with session_ended', async () => {
    const { outcome, transcript } = await session({ aa: { authenticate: [{ verdict: 'NEEDINFO', question: ['otp', 'Code: '] }] } });
    expect(outcome.verdict).toBe('ABORTED');
    expect(outcome.error?.message).toBe('unanswered question otp: Code: ');
    endedOnce(transcript, 'aa');
  });

  it('Ctrl-C while a hook runs cancels it and still calls session_ended', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 800);
    const startedAt = Date.now();
    const { outcome, transcript } = await session({ aa: { authenticate: ['sleep'] }, signal: controller.signal, timeoutMs: 60_000 });
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(outcome.verdict).toBe('ABORTED');
    expect(transcript.some((e) => e.type === 'hook-error' && e.kind === 'aborted')).toBe(true);
    endedOnce(transcript, 'aa');
  });

  it('Ctrl-C at a question still calls session_ended', async () => {
    const controller = new AbortController();
    const { outcome, transcript } = await session({
      aa: { authenticate: [{ verdict: 'NEEDINFO', question: ['otp', 'Code: '] }] },
      answer: () => {
        controller.abort();
        return new Promise<AnswerReply>(() => undefined);
      },
      signal: controller.signal,
    });
    expect(outcome.verdict).toBe('ABORTED');
    endedOnce(transcript, 'aa');
  });

  it('a hook that returns no cookie keeps the previous one', async () => {
    const { transcript } = await session({
      aa: { authenticate: [{ verdict: 'ACCEPT', cookie: { kept: 1 } }], authorize: [{ verdict: 'ACCEPT', cookie: 'keep' }] },
    });
    const ended = transcript.find((e) => e.type === 'hook-call' && e.hook === 'session_ended');
    expect(ended).toMatchObject({ args: { cookie: { kept: 1 } } });
  });

  it('gateway_user with gateway_groups from authenticate overrides the gateway user for later hooks', async () => {
    const { outcome, transcript } = await session({
      aa: { authenticate: [{ verdict: 'ACCEPT', gateway_user: 'alice', gateway_groups: ['ops'] }], authorize: [ACCEPT] },
      cs: { get_password_list: [{ passwords: ['pw'] }] },
    });
    expect(outcome).toMatchObject({ gateway_user: 'alice', gateway_groups: ['ops'] });
    const authorize = transcript.find((e) => e.type === 'hook-call' && e.hook === 'authorize');
    expect(authorize).toMatchObject({ args: { gateway_user: 'alice', gateway_groups: ['ops'] } });
    const fetch = transcript.find((e) => e.type === 'hook-call' && e.hook === 'get_password_list');
    expect(fetch).toMatchObject({ args: { gateway_username: 'alice', gateway_groups: ['ops'] } });
  });

  it('passes SPS names with their deprecated aliases, and None for what SPS does not know', async () => {
    const { transcript } = await session({ aa: { authenticate: [ACCEPT], authorize: [ACCEPT] } });
    const authorize = transcript.find((e) => e.type === 'hook-call' && e.hook === 'authorize');
    expect(authorize).toMatchObject({
      args: { server_ip: '5.6.7.8', target_server: '5.6.7.8', target_host: '5.6.7.8', target_port: 22, server_username: 'root', target_username: 'root', gateway_user: null },
    });
  });

  it('credential store: tries passwords in order, completes, and both plugins end once', async () => {
    const { outcome, transcript } = await session({
      aa: { authenticate: [{ verdict: 'ACCEPT', session_cookie: { questions: { otp: '1' } } }], authorize: [ACCEPT] },
      cs: { get_password_list: [{ passwords: ['old', 'new'] }] },
      target: { passwords: ['new'] },
    });
    expect(outcome).toMatchObject({ verdict: 'ACCEPT', credential: { kind: 'password', index: 1 } });
    expect(calls(transcript)).toEqual([
      'aa.authenticate',
      'aa.authorize',
      'credentialstore.get_password_list',
      'credentialstore.authentication_completed',
      'aa.session_ended',
      'credentialstore.session_ended',
    ]);
    const fetch = transcript.find((e) => e.type === 'hook-call' && e.hook === 'get_password_list');
    expect(fetch).toMatchObject({ args: { session_cookie: { questions: { otp: '1' } } } });
  });

  it('a target that refuses every credential is an ERROR; no authentication_completed', async () => {
    const { outcome, transcript } = await session({ cs: { get_password_list: [{ passwords: ['a', 'b'] }] }, target: { passwords: ['c'] } });
    expect(outcome.error).toMatchObject({ kind: 'credentials' });
    expect(calls(transcript)).toEqual(['credentialstore.get_password_list', 'credentialstore.session_ended']);
  });

  it('a credential store that errors ends both plugins once', async () => {
    const { outcome, transcript } = await session({ aa: { authenticate: [ACCEPT], authorize: [ACCEPT] }, cs: { get_password_list: ['raise'] } });
    expect(outcome.verdict).toBe('ERROR');
    endedOnce(transcript, 'aa');
    endedOnce(transcript, 'credentialstore');
  });
});
