/**
 * `matrix:` in a scenario: one case per combination of its values, as test.each or pytest's
 * parametrize. `${name}` anywhere in the scenario takes the value (`${name.field}` a field of a
 * map value, so values that belong together vary together); a string that is only `${name}`
 * takes it whole (a map of key-value pairs, a configuration text, a number).
 */

export type MatrixValues = Record<string, unknown>;

/** More cases than this from one scenario is a mistake in the matrix, not a test plan. */
export const MAX_CASES = 1000;

const NAME = '[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*';
const PLACEHOLDER = new RegExp(`\\$\\{(${NAME})\\}`, 'g');
const WHOLE = new RegExp(`^\\$\\{(${NAME})\\}$`);

/** The value at `case.token`, or undefined when the matrix has no such name. */
function lookup(path: string, values: MatrixValues): { found: boolean; value?: unknown } {
  const [first, ...rest] = path.split('.');
  if (!(first! in values)) return { found: false };
  let value: unknown = values[first!];
  for (const key of rest) {
    if (!value || typeof value !== 'object' || !(key in value)) return { found: false };
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

/** Every combination, the first key varying slowest (the order a reader expects). */
export function combinations(matrix: Record<string, readonly unknown[]>): MatrixValues[] {
  return Object.entries(matrix).reduce<MatrixValues[]>((all, [key, values]) => all.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value }))), [{}]);
}

const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** The value with each `${name}` of `values` put in; names the matrix does not have are left as written. */
export function substitute(value: unknown, values: MatrixValues): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    const entire = whole ? lookup(whole[1]!, values) : { found: false };
    if (entire.found) return entire.value;
    return value.replace(PLACEHOLDER, (text, name: string) => {
      const found = lookup(name, values);
      return found.found ? shown(found.value) : text;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  return value;
}

/** The case's name: the scenario's with its placeholders filled, or with the values appended when it has none. */
export function caseName(name: string, values: MatrixValues): string {
  PLACEHOLDER.lastIndex = 0;
  if (PLACEHOLDER.test(name)) return String(substitute(name, values));
  return `${name} [${Object.entries(values).map(([k, v]) => `${k}=${shown(v)}`).join(', ')}]`;
}
