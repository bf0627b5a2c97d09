/** Maps a field path inside a YAML document back to its line, for messages that point at the source. */
import { isNode, LineCounter, type Document } from 'yaml';

export type FieldPath = ReadonlyArray<string | number>;

export function fieldName(path: FieldPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The line of the deepest node on `path` that exists (a missing key points at its parent). */
export function lineOf(doc: Document, lines: LineCounter, path: FieldPath): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

export { LineCounter };
