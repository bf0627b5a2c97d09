import type { Json } from '../../protocol/json.js';
import type { SessionView } from '../../protocol/view.js';
import { ROLE_LABEL } from './labels.js';

export interface StateLine {
  heading?: boolean;
  text: string;
}

/** cookie per plugin, session_cookie and key_value_pairs, one entry a row. Expects a redacted view. */
export function stateLines(view: SessionView): StateLine[] {
  const lines: StateLine[] = [];
  const section = (title: string, entries: [string, Json][]) => {
    lines.push({ heading: true, text: entries.length ? title : `${title} {}` });
    for (const [key, value] of entries) lines.push({ text: `  ${key}: ${typeof value === 'string' ? value.replace(/\r?\n/g, '⏎') : JSON.stringify(value)}` });
  };
  for (const role of ['aa', 'credentialstore'] as const) {
    const cookie = view.cookies[role];
    if (view.plugins[role] || cookie) section(`cookie (${ROLE_LABEL[role]})`, Object.entries(cookie ?? {}));
  }
  section('session_cookie', Object.entries(view.session_cookie));
  section('key_value_pairs', Object.entries(view.key_value_pairs));
  return lines;
}
