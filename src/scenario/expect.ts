/** Compares what a session did with a scenario's `expect:` block. Pure. */
import { isDeepStrictEqual } from 'node:util';
import type { Outcome, TranscriptEvent } from '../protocol/session.js';
import type { Expectation } from './schema.js';

export interface Mismatch {
  /** Field path inside the scenario, e.g. `expect.verdict`. */
  field: string;
  expected: unknown;
  actual: unknown;
  /** A sentence for mismatches that are not a plain value comparison. */
  note?: string;
}

export interface SessionFacts {
  outcome: Outcome;
  transcript: TranscriptEvent[];
}

const allLogText = (transcript: TranscriptEvent[]): string[] =>
  transcript.flatMap((e) => (e.type === 'hook-result' || e.type === 'hook-error' ? e.logs.map((l) => l.text) : []));

function finalCookie(transcript: TranscriptEvent[], plugin: 'aa' | 'credentialstore' | undefined, key: 'cookie' | 'session_cookie'): unknown {
  // The cookie the last call received, or what a later result returned.
  let value: unknown = {};
  for (const e of transcript) {
    if (e.type === 'hook-call' && (plugin === undefined || e.plugin === plugin) && key in e.args) value = e.args[key];
    if (e.type === 'hook-result' && (plugin === undefined || e.plugin === plugin) && e.value && typeof e.value === 'object' && !Array.isArray(e.value) && e.value[key]) value = e.value[key];
  }
  return value;
}

/** Every expectation that does not hold; empty when the session did what the scenario says. */
export function checkExpectations(expect: Expectation, facts: SessionFacts): Mismatch[] {
  const { outcome, transcript } = facts;
  const out: Mismatch[] = [];
  const compare = (field: string, expected: unknown, actual: unknown): void => {
    if (expected !== undefined && !isDeepStrictEqual(expected, actual)) out.push({ field: `expect.${field}`, expected, actual });
  };
  compare('verdict', expect.verdict, outcome.verdict);
  compare('authenticate', expect.authenticate, outcome.authenticate);
  compare('authorize', expect.authorize, outcome.authorize);
  compare('gateway_user', expect.gateway_user, outcome.gateway_user);
  compare('gateway_groups', expect.gateway_groups, outcome.gateway_groups);
  compare('reason', expect.reason, outcome.reason);
  compare('additional_metadata', expect.additional_metadata, outcome.additional_metadata);
  if (expect.questions) {
    const asked = transcript.flatMap((e) => (e.type === 'question' ? [e] : []));
    const actual = asked.map((q, i) => {
      const want = expect.questions![i];
      return { key: q.key, ...(want?.echo !== undefined ? { echo: q.echo } : {}), ...(want?.prompt !== undefined ? { prompt: q.prompt } : {}) };
    });
    compare('questions', expect.questions, actual);
  }
  if (expect.error !== undefined && !(outcome.error?.message ?? '').includes(expect.error)) {
    out.push({ field: 'expect.error', expected: expect.error, actual: outcome.error?.message ?? null, note: `the session error should contain ${JSON.stringify(expect.error)}; it is ${outcome.error ? JSON.stringify(outcome.error.message) : 'absent'}` });
  }
  if (expect.credential) {
    const want = expect.credential;
    const actual = outcome.credential
      ? { ...(want.kind ? { kind: outcome.credential.kind } : {}), ...(want.index !== undefined ? { index: outcome.credential.index } : {}) }
      : null;
    compare('credential', expect.credential, actual);
  }
  for (const key of ['cookie', 'session_cookie'] as const) {
    const want = expect[key];
    if (!want) continue;
    const have = finalCookie(transcript, key === 'cookie' ? 'aa' : undefined, key) as Record<string, unknown>;
    for (const [k, v] of Object.entries(want)) compare(`${key}.${k}`, v, have?.[k]);
  }
  if (expect.logs) {
    const text = allLogText(transcript);
    const has = (needle: string): boolean => text.some((line) => line.includes(needle));
    for (const needle of expect.logs.contain ?? []) {
      if (!has(needle)) out.push({ field: 'expect.logs.contain', expected: needle, actual: null, note: `no log line contains ${JSON.stringify(needle)}` });
    }
    for (const needle of expect.logs.not_contain ?? []) {
      const line = text.find((l) => l.includes(needle));
      if (line !== undefined) out.push({ field: 'expect.logs.not_contain', expected: needle, actual: line, note: `a log line contains ${JSON.stringify(needle)}: ${line}` });
    }
  }
  if (expect.session_ended !== undefined) {
    const calls = transcript.filter((e) => e.type === 'hook-call' && e.hook === 'session_ended').length;
    compare('session_ended', expect.session_ended, calls);
  }
  return out;
}
