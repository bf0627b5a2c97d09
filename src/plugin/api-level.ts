/** The plugin API level rule SPS applies when a plugin is uploaded. */

/** `<major>.<minor>`, optionally `.<patch>` (SPS's own MANIFEST check accepts and ignores a patch). */
const API_PATTERN = /^(\d+)\.(\d+)(?:\.\d+)?$/;

export interface ApiLevel {
  major: number;
  minor: number;
}

/** Parses an API level from its text; `undefined` when it is not `<major>.<minor>`. */
export function parseApiLevel(text: string): ApiLevel | undefined {
  const match = API_PATTERN.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]) };
}

/**
 * Whether an appliance with plugin API `appliance` accepts a plugin that needs `pluginApi`:
 * same major, plugin minor <= appliance minor. Components compare as numbers ("1.10" > "1.9").
 * Unparseable levels are never accepted.
 */
export function apiAccepts(appliance: string, pluginApi: string): boolean {
  const have = parseApiLevel(appliance);
  const need = parseApiLevel(pluginApi);
  if (!have || !need) return false;
  return have.major === need.major && need.minor <= have.minor;
}
