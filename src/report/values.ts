/** Short, single-line renderings of values for mismatch messages. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return JSON.stringify(value);
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

export function problemLine(p: { message: string; field?: string; expected?: unknown; actual?: unknown }): string {
  if (p.expected === undefined && p.actual === undefined) return p.field ? `${p.field}: ${p.message}` : p.message;
  const head = p.field ? `${p.field}: ` : '';
  // A message of several lines keeps the comparison on its first line, beside what it is about.
  const [first, ...more] = p.message.split('\n');
  return [`${head}${first ? `${first}: ` : ''}expected ${showValue(p.expected)}, got ${showValue(p.actual)}`, ...more].join('\n');
}
