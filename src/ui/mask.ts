/** Masked typing: what the prompt draws while an echo-off answer is typed. Redaction is engine/secrets.ts. */
export { MASK } from '../engine/secrets.js';

export type MaskMode = 'star' | 'none';

/** What the masked input draws for a value being typed: never the value itself when echo is off. */
export function maskTyped(value: string, echo: boolean, mode: MaskMode): string {
  if (echo) return value;
  return mode === 'star' ? '*'.repeat([...value].length) : '';
}
