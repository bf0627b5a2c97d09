import type { LogStream } from '../../protocol/host.js';
import type { PluginRole } from '../../protocol/session.js';
import type { SessionView } from '../../protocol/view.js';

export interface PaneLog {
  plugin: PluginRole;
  stream: LogStream;
  text: string;
  /** Printed by the hook still running. */
  live: boolean;
}

/** Every line the plugins printed, in order, the running hook's last. */
export function logLines(view: SessionView): PaneLog[] {
  const lines: PaneLog[] = [];
  const add = (plugin: PluginRole, stream: LogStream, text: string, live: boolean) => {
    // A plugin may hand over a line with embedded newlines; one row each keeps the pane's height honest.
    for (const part of text.split(/\r?\n/)) lines.push({ plugin, stream, text: part.replace(/\t/g, '  '), live });
  };
  for (const event of view.transcript) {
    if (event.type !== 'hook-result' && event.type !== 'hook-error') continue;
    for (const line of event.logs) add(event.plugin, line.stream, line.text, false);
  }
  if (view.running) for (const line of view.liveLogs) add(view.running.plugin, line.stream, line.text, true);
  return lines;
}
