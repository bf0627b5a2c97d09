/** Maps a field path inside a YAML document back to its line, for messages that point at the source. */
import { isMap, isNode, isScalar, LineCounter, type Document } from 'yaml';
import type { z } from 'zod';
import { InputFileError } from '../errors.js';

export type FieldPath = ReadonlyArray<string | number>;

export function fieldName(path: FieldPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * The line of the deepest field on `path` that exists (a missing key points at its parent). A
 * map's field is on the line of its key: a nested map or list as value starts on the next line.
 */
export function lineOf(doc: Document, lines: LineCounter, path: FieldPath): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const parent = depth === 0 ? undefined : depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
    const key = isMap(parent) ? parent.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === path[depth - 1])?.key : undefined;
    const node = isNode(key) ? key : depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Every schema problem of a document at its own line, first to last, as one error: a file with three typos is fixed in one go. */
export function schemaError(file: string, doc: Document, lines: LineCounter, issues: readonly z.core.$ZodIssue[]): InputFileError {
  const problems = issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // An unknown key points at itself, not at the map holding it.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], problem: `unknown key "${key}"` }));
    // A value of the wrong type where the document has none at all: say it is missing.
    if (issue.code === 'invalid_type' && !doc.hasIn(path)) return [{ path, problem: `missing (${issue.expected} expected)` }];
    return [{ path, problem: issue.message }];
  });
  const errors = problems
    .map(({ path, problem }) => new InputFileError(file, lineOf(doc, lines, path), fieldName(path) || undefined, problem))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const [first, ...others] = errors;
  return new InputFileError(file, first!.line, first!.field, first!.problem, others);
}

export { LineCounter };
