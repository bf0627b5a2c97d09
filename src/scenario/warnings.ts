/** What a scenario asks for that SPS would not do: worth a warning, not a failure. */
import type { Scenario } from './parse.js';

export function scenarioWarnings(scenario: Scenario): string[] {
  const warnings: string[] = [];
  const usesStore = scenario.credentialStore !== undefined || scenario.credentials !== undefined;
  if (usesStore && scenario.target.methods?.includes('keyboard-interactive')) {
    const line = scenario.lineOf(['target', 'methods']);
    warnings.push(`${scenario.file}${line ? `:${line}` : ''}: target.methods: SPS does not support keyboard-interactive authentication with credential stores; the store is asked only for what publickey and password need`);
  }
  return warnings;
}
