import type { PluginRole } from '../../protocol/session.js';

export const ROLE_LABEL: Record<PluginRole, string> = { aa: 'AA', credentialstore: 'CS' };

/** Ink colour names for what a hook or a session came to. */
export function verdictColor(label: string): string | undefined {
  switch (label) {
    case 'ACCEPT':
      return 'green';
    case 'DENY':
    case 'ERROR':
      return 'red';
    case 'NEEDINFO':
    case 'ABORTED':
      return 'yellow';
    default:
      return undefined;
  }
}

/** One line of a multi-line text, for places that have room for a single row. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}
