/** The timeline as rows: each hook call with its outcome, and the questions, answers and credential trials between. */
import type { Json } from '../../protocol/json.js';
import type { HookName } from '../../protocol/plugin.js';
import type { CredentialKind, PluginRole } from '../../protocol/session.js';
import type { SessionView } from '../../protocol/view.js';
import { exchangeLines } from '../../record/traffic.js';
import { firstLine } from './labels.js';

export type TimelineRow =
  | {
      kind: 'call';
      plugin: PluginRole;
      hook: HookName;
      state: 'ok' | 'error' | 'running' | 'unfinished';
      /** The verdict, a summary of the returned value, or the error kind. */
      label: string;
      detail: string;
      durationMs?: number;
      startedAt?: number;
    }
  | { kind: 'exchange'; text: string }
  /** Processes the call left running, which sps-tui ended. */
  | { kind: 'left-running'; text: string }
  | { kind: 'question'; key: string; prompt: string; echo: boolean }
  | { kind: 'answer'; key: string; value: string; echo: boolean }
  | { kind: 'credential'; credentialKind: CredentialKind; index: number; credential: string; keyType?: string; accepted: boolean };

/** Expects a redacted view: rows carry the answer and credential text as given. */
export function timelineRows(view: SessionView): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const open = (plugin: PluginRole, hook: HookName) =>
    rows.findLast((row) => row.kind === 'call' && row.plugin === plugin && row.hook === hook && row.state === 'unfinished') as
      | Extract<TimelineRow, { kind: 'call' }>
      | undefined;
  for (const event of view.transcript) {
    switch (event.type) {
      case 'hook-call':
        rows.push({ kind: 'call', plugin: event.plugin, hook: event.hook, state: 'unfinished', label: '', detail: '' });
        break;
      case 'hook-result':
      case 'hook-error': {
        const row = open(event.plugin, event.hook);
        if (!row) break;
        row.durationMs = event.durationMs;
        if (event.type === 'hook-error') Object.assign(row, { state: 'error', label: event.kind, detail: firstLine(event.message) });
        else Object.assign(row, { state: 'ok', ...describeResult(event.hook, event.value) });
        for (const text of exchangeLines(event.traffic)) rows.push({ kind: 'exchange', text });
        if (event.leftRunning?.length) rows.push({ kind: 'left-running', text: `left running, ended: ${event.leftRunning.join('; ')}` });
        break;
      }
      case 'question':
        rows.push({ kind: 'question', key: event.key, prompt: event.prompt, echo: event.echo });
        break;
      case 'answer':
        rows.push({ kind: 'answer', key: event.key, value: event.value, echo: event.echo });
        break;
      case 'credential-trial': {
        const { kind, index, credential, keyType, accepted } = event;
        rows.push({ kind: 'credential', credentialKind: kind, index, credential: firstLine(credential), accepted, ...(keyType ? { keyType } : {}) });
        break;
      }
    }
  }
  if (view.running) {
    const row = open(view.running.plugin, view.running.hook);
    if (row) Object.assign(row, { state: 'running', startedAt: view.running.startedAt });
  }
  return rows;
}

function describeResult(hook: HookName, value: Json): { label: string; detail: string } {
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  if (hook === 'get_password_list') {
    const list = Array.isArray(object?.passwords) ? object.passwords : [];
    return { label: plural(list.length, 'password'), detail: list.map(String).join(', ') };
  }
  if (hook === 'get_private_key_list') {
    const list = Array.isArray(object?.private_keys) ? object.private_keys : [];
    return { label: plural(list.length, 'key'), detail: list.map(describeKey).join(', ') };
  }
  if (hook === 'authenticate' || hook === 'authorize') {
    if (value === null) return { label: 'None', detail: '' };
    const verdict = typeof object?.verdict === 'string' ? object.verdict : '?';
    const reason = typeof object?.reason === 'string' ? object.reason : '';
    return { label: verdict, detail: reason };
  }
  return { label: 'done', detail: '' };
}

/** A key is (type, pem); one row has room for the type and the first line of the body. */
function describeKey(entry: Json): string {
  if (!Array.isArray(entry)) return '?';
  const [type, pem] = entry;
  const body = typeof pem === 'string' ? (pem.split(/\r?\n/).find((line) => line && !line.startsWith('-----')) ?? pem) : '?';
  return `${String(type)} ${body}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
