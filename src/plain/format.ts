/**
 * Plain-text lines for a session, for pipes, CI logs, `--plain` and the non-terminal demo. An
 * echo-off answer prints as stars; callers pass events of a redacted view (engine/secrets.ts), so
 * a secret the plugin echoes into a log line or a traceback is masked too.
 */
import { leftRunningWarnings } from '../engine/left-running.js';
import { MASK } from '../engine/secrets.js';
import type { TrafficEntry } from '../protocol/host.js';
import type { Json } from '../protocol/json.js';
import { exchangeLines } from '../record/traffic.js';
import type { Outcome, TranscriptEvent } from '../protocol/session.js';

function verdictOf(value: Json): string {
  if (value === null) return 'None';
  if (typeof value === 'object' && !Array.isArray(value) && typeof value.verdict === 'string') return value.verdict;
  return 'returned';
}

function resultSummary(e: Extract<TranscriptEvent, { type: 'hook-result' }>): string {
  const value = e.value;
  if (e.hook === 'get_password_list' && value && typeof value === 'object' && !Array.isArray(value) && Array.isArray(value.passwords)) {
    return `${value.passwords.length} password(s)`;
  }
  if (e.hook === 'get_private_key_list' && value && typeof value === 'object' && !Array.isArray(value) && Array.isArray(value.private_keys)) {
    return `${value.private_keys.length} private key(s)`;
  }
  if (e.hook === 'session_ended' || e.hook === 'authentication_completed') return 'done';
  return verdictOf(value);
}

/** The lines one transcript event prints as; log lines print live, so they are not repeated here. */
export function eventLines(e: TranscriptEvent): string[] {
  switch (e.type) {
    case 'hook-call':
      return [`→ ${e.plugin} ${e.hook}`];
    case 'hook-result': {
      const lines = [`← ${e.hook}: ${resultSummary(e)}${e.durationMs ? ` (${Math.round(e.durationMs)} ms)` : ''}`];
      const value = e.value;
      if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.reason === 'string') lines.push(`  reason: ${value.reason}`);
      return [...lines, ...trafficLines(e), ...leftLines(e)];
    }
    case 'hook-error':
      return [`✗ ${e.hook} failed (${e.kind}): ${e.message}`, ...trafficLines(e), ...leftLines(e), ...(e.traceback ? e.traceback.trimEnd().split('\n').map((l) => `  ${l}`) : [])];
    case 'question':
      return [`? ${e.key}${e.echo ? '' : ' (echo off)'}: ${e.prompt}`];
    case 'answer':
      return [`  answer ${e.key}: ${e.echo ? e.value : MASK}`];
    case 'credential-trial':
      return [`  ${e.prompted ? 'the typed password' : e.kind === 'password' ? `password #${e.index + 1}` : `${e.keyType ?? 'key'} private key #${e.index + 1}`}: ${e.accepted ? 'accepted' : 'rejected'} by the target`];
    case 'outcome':
      return outcomeLines(e.outcome);
  }
}

/** One line per exchange the call made with a service (recorded or served). */
const trafficLines = (e: { traffic?: TrafficEntry[] }): string[] => exchangeLines(e.traffic).map((line) => `  ⇄ ${line}`);

const leftLines = (e: Extract<TranscriptEvent, { type: 'hook-result' | 'hook-error' }>): string[] =>
  leftRunningWarnings([e]).map((warning) => `  ! ${warning}`);

/** What the plugin printed during a call, for front ends that did not show it live. */
export function logLines(e: TranscriptEvent): string[] {
  return e.type === 'hook-result' || e.type === 'hook-error' ? e.logs.map((l) => `  │${l.stream === 'stderr' ? '!' : ' '} ${l.text}`) : [];
}

export function outcomeLines(outcome: Outcome): string[] {
  const lines = [`= ${outcome.verdict}`];
  if (outcome.reason !== undefined) lines.push(`  reason: ${outcome.reason}`);
  lines.push(`  gateway user: ${outcome.gateway_user ?? 'None'}${outcome.gateway_groups ? ` (groups: ${outcome.gateway_groups.join(', ')})` : ''}`);
  if (outcome.credential) lines.push(`  credential: ${outcome.credential.kind} #${outcome.credential.index + 1} accepted`);
  if (outcome.error) lines.push(`  error: ${outcome.error.message}`);
  return lines;
}
