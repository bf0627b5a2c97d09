/** The nearest of some names to a misspelt one, for "did you mean" hints. */
import { distance } from 'fastest-levenshtein';

/** Names within a third of the word's length in edits (at least 2), nearest first; case is ignored. */
export function closestNames(word: string, names: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  return [...new Set(names)]
    .map((name) => ({ name, d: distance(lower, name.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d)
    .map(({ name }) => name);
}
