/** The traffic pane: each call's exchanges with their bodies, one entry a row. Expects a redacted view. */
import type { TrafficEntry } from '../../protocol/host.js';
import { isJsonObject, type Json } from '../../protocol/json.js';
import type { SessionView } from '../../protocol/view.js';
import { exchangeLines } from '../../record/traffic.js';
import { ROLE_LABEL } from './labels.js';
import type { StateLine } from './state.js';

function bodyText(message: Json | undefined): string {
  if (!isJsonObject(message)) return '';
  if ('json' in message) return JSON.stringify(message.json);
  if (typeof message.text === 'string') return message.text.replace(/\r?\n/g, '⏎');
  if (typeof message.base64 === 'string') return `(${Buffer.from(message.base64, 'base64').length} bytes, binary)`;
  return '(no body)';
}

export function trafficLines(view: SessionView): StateLine[] {
  const lines: StateLine[] = [];
  for (const event of view.transcript) {
    if ((event.type !== 'hook-result' && event.type !== 'hook-error') || !event.traffic?.length) continue;
    lines.push({ heading: true, text: `${ROLE_LABEL[event.plugin]} ${event.hook}` });
    event.traffic.forEach((entry: TrafficEntry, i) => {
      lines.push({ text: `  ${exchangeLines([entry])[0]}` });
      lines.push({ text: `    request:  ${bodyText(entry.request)}` });
      lines.push({ text: `    response: ${bodyText(entry.response)}` });
      if (i < event.traffic!.length - 1) lines.push({ text: '' });
    });
  }
  if (lines.length === 0) lines.push({ text: 'no HTTP exchanges yet (traffic is captured when a session is recorded or replayed)' });
  return lines;
}
