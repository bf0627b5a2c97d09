/**
 * Turns a session that happened into a scenario file, so a bug found at the keyboard becomes a
 * regression test in one step. Secret answers become `{env: SPS_TUI_SECRET_<KEY>}` references.
 */
import { dirname, relative } from 'node:path';
import { stringify } from 'yaml';
import type { Connection, Outcome, TranscriptEvent } from '../protocol/session.js';
import type { ScenarioRun } from '../runner/run-scenario.js';
import { secretVariable } from '../runner/answers.js';
import { defaultConnection } from './connection.js';
import type { Answer } from './schema.js';

const pathFrom = (file: string, target: string): string => {
  const rel = relative(dirname(file), target);
  return rel.startsWith('.') ? rel : `./${rel}`;
};

/** Only what differs from the defaults, so the file says what matters about this connection. */
function connectionDiff(connection: Connection): Record<string, unknown> {
  const defaults = defaultConnection(connection.protocol) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { protocol: connection.protocol };
  for (const [key, value] of Object.entries(connection)) {
    if (key !== 'protocol' && JSON.stringify(value) !== JSON.stringify(defaults[key])) out[key] = value;
  }
  return out;
}

function answersOf(transcript: TranscriptEvent[]): Record<string, Answer | Answer[]> {
  const byKey = new Map<string, Array<{ value: string; echo: boolean }>>();
  for (const e of transcript) if (e.type === 'answer') byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const out: Record<string, Answer | Answer[]> = {};
  for (const [key, list] of byKey) {
    const same = list.every((a) => a.value === list[0]!.value && a.echo === list[0]!.echo);
    // Different secrets for repeated asks each get a numbered variable: SPS_TUI_SECRET_OTP_1, _2, …
    const answers = list.map((a, i): Answer => (a.echo ? a.value : { env: same ? secretVariable(key) : `${secretVariable(key)}_${i + 1}` }));
    out[key] = same ? answers[0]! : answers;
  }
  return out;
}

function expectationsOf(outcome: Outcome, transcript: TranscriptEvent[]): Record<string, unknown> {
  const expect: Record<string, unknown> = { verdict: outcome.verdict };
  if (outcome.authenticate !== undefined) expect.authenticate = outcome.authenticate;
  if (outcome.authorize !== undefined) expect.authorize = outcome.authorize;
  expect.questions = transcript.flatMap((e) => (e.type === 'question' ? [{ key: e.key, echo: e.echo }] : []));
  expect.gateway_user = outcome.gateway_user;
  expect.gateway_groups = outcome.gateway_groups;
  if (outcome.reason !== undefined) expect.reason = outcome.reason;
  if (outcome.credential) expect.credential = { kind: outcome.credential.kind, index: outcome.credential.index };
  if (outcome.error) expect.error = outcome.error.message.split('\n')[0];
  expect.session_ended = transcript.filter((e) => e.type === 'hook-call' && e.hook === 'session_ended').length;
  return expect;
}

/** The scenario file text for `file`: paths relative to it, answers and expectations from the session. */
export function scenarioText(run: ScenarioRun, file: string): string {
  const { scenario, transcript, outcome } = run;
  const doc: Record<string, unknown> = { name: scenario.name, plugin: pathFrom(file, scenario.plugin.path) };
  if (scenario.plugin.configuration !== undefined) doc.configuration = scenario.plugin.configuration;
  if (scenario.credentialStore) {
    const cs = scenario.credentialStore;
    doc.credential_store = {
      plugin: pathFrom(file, cs.path),
      ...(cs.configuration !== undefined ? { configuration: cs.configuration } : {}),
      credentials: cs.credentials,
    };
  }
  doc.connection = connectionDiff(run.input.connection);
  const answers = answersOf(transcript);
  if (Object.keys(answers).length) doc.answers = answers;
  if (Object.keys(scenario.target).length) doc.target = scenario.target;
  doc.expect = expectationsOf(outcome, transcript);
  const secrets = Object.values(answers).flat().filter((a): a is { env: string } => typeof a !== 'string');
  const header = ['# Saved by sps-tui run from a live session.'];
  if (secrets.length) header.push(`# Secret answers are read from the environment: ${[...new Set(secrets.map((s) => s.env))].join(', ')}.`);
  return `${header.join('\n')}\n${stringify(doc, { lineWidth: 0 })}`;
}
