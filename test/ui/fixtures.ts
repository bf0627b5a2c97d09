/** Hand-built SessionViews: the UI is tested against what the engine promises, not against the engine. */
import type { HookName } from '../../src/protocol/plugin.js';
import type { Connection, Outcome, QuestionEvent, TranscriptEvent } from '../../src/protocol/session.js';
import type { SessionView } from '../../src/protocol/view.js';

export const SECRET = 'hunter2-XYZ';

export function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    session_id: 'ssh-example-1',
    connection_name: 'example',
    protocol: 'ssh',
    client_ip: '1.2.3.4',
    client_port: 12341,
    client_hostname: 'theclient.foo.bar',
    gateway_user: null,
    gateway_domain: null,
    gateway_groups: null,
    gateway_password: null,
    server_username: 'root',
    server_domain: null,
    server_ip: '5.6.7.8',
    server_port: 22,
    server_hostname: null,
    key_value_pairs: {},
    ...overrides,
  };
}

export function view(overrides: Partial<SessionView> = {}): SessionView {
  return {
    status: 'running',
    plugins: { aa: { name: 'otp_plugin', version: '1.2.0', type: 'aa' } },
    connection: connection(),
    transcript: [],
    cookies: {},
    session_cookie: {},
    key_value_pairs: {},
    liveLogs: [],
    ...overrides,
  };
}

const args = { session_id: 'ssh-example-1' };

export const call = (hook: HookName, plugin: 'aa' | 'credentialstore' = 'aa'): TranscriptEvent => ({
  type: 'hook-call',
  plugin,
  hook,
  args,
});

export const verdict = (hook: 'authenticate' | 'authorize', value: Record<string, unknown> | null, durationMs = 12): TranscriptEvent => ({
  type: 'hook-result',
  plugin: 'aa',
  hook,
  value: value as never,
  logs: [],
  durationMs,
});

export const otpQuestion: QuestionEvent = {
  type: 'question',
  plugin: 'aa',
  hook: 'authenticate',
  key: 'otp',
  prompt: 'One-time password:',
  echo: false,
};

/** authenticate asked for an OTP (echo off) and is waiting for it. */
export function askingOtp(echo = false): SessionView {
  return view({
    status: 'asking',
    transcript: [call('authenticate'), verdict('authenticate', { verdict: 'NEEDINFO', question: ['otp', 'One-time password:', !echo] }), { ...otpQuestion, echo }],
    question: { key: 'otp', prompt: 'One-time password:', echo, plugin: 'aa', hook: 'authenticate' },
    cookies: { aa: { step: 1 } },
  });
}

/** The OTP was answered with SECRET, the plugin stored it in its cookie and logged it, and the session ended. */
export function answeredOtp(outcome: Outcome): SessionView {
  return view({
    status: 'done',
    transcript: [
      call('authenticate'),
      verdict('authenticate', { verdict: 'NEEDINFO', question: ['otp', 'One-time password:', true] }),
      otpQuestion,
      { type: 'answer', key: 'otp', value: SECRET, echo: false },
      call('authenticate'),
      { type: 'hook-result', plugin: 'aa', hook: 'authenticate', value: { verdict: outcome.verdict === 'DENY' ? 'DENY' : 'ACCEPT' }, logs: [{ stream: 'stdout', text: `got otp ${SECRET}` }], durationMs: 30 },
      call('session_ended'),
      { type: 'hook-result', plugin: 'aa', hook: 'session_ended', value: null, logs: [], durationMs: 3 },
      { type: 'outcome', outcome },
    ],
    cookies: { aa: { last_otp: SECRET, note: `otp was ${SECRET}` } },
    session_cookie: { questions: { otp: SECRET } },
    key_value_pairs: { otp: SECRET, gu: 'alice' },
    outcome,
  });
}

export const accept: Outcome = { verdict: 'ACCEPT', authenticate: 'ACCEPT', authorize: 'ACCEPT', gateway_user: 'alice', gateway_groups: ['admins', 'ops'] };

export const PASSWORDS = ['pw-first-1111', 'pw-second-2222'];

/** A credential store returned two passwords; the target took the second. */
export function withCredentialStore(): SessionView {
  const base = answeredOtp(accept);
  const outcome: Outcome = { ...accept, credential: { kind: 'password', index: 1 } };
  return {
    ...base,
    plugins: { ...base.plugins, credentialstore: { name: 'vault_store', version: '0.3.1', type: 'credentialstore' } },
    transcript: [
      ...base.transcript.slice(0, 6),
      call('get_password_list', 'credentialstore'),
      {
        type: 'hook-result',
        plugin: 'credentialstore',
        hook: 'get_password_list',
        value: { passwords: PASSWORDS },
        logs: [{ stream: 'stdout', text: `checked out ${PASSWORDS[0]}` }],
        durationMs: 55,
      },
      { type: 'credential-trial', kind: 'password', index: 0, credential: PASSWORDS[0]!, accepted: false },
      { type: 'credential-trial', kind: 'password', index: 1, credential: PASSWORDS[1]!, accepted: true },
      ...base.transcript.slice(6, 8),
      { type: 'outcome', outcome },
    ],
    cookies: { ...base.cookies, credentialstore: { checkout: PASSWORDS[1]! } },
    outcome,
  };
}
