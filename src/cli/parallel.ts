/** Running cases in parallel while reporting them in their original order. */
import { UserError } from '../errors.js';

export function parseJobs(value: string | undefined): number {
  const jobs = Number(value ?? '1');
  if (!Number.isInteger(jobs) || jobs < 1) throw new UserError(`--jobs must be a whole number of at least 1, not "${value}"`);
  return jobs;
}

/** `--shard 2/3`: the second of three parts, taking every third case so parts stay balanced. */
export function selectShard<T>(items: T[], spec: string): T[] {
  const match = /^(\d+)\/(\d+)$/.exec(spec);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UserError(`--shard must look like 1/3 (part/parts), not "${spec}"`);
  return items.filter((_, i) => i % count === index - 1);
}

/**
 * Runs `work` on every item with at most `jobs` at once; `report` sees the results in input order
 * as soon as each one and all before it are done.
 */
export async function mapInOrder<T, R>(items: T[], jobs: number, work: (item: T) => Promise<R>, report: (result: R) => void): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const done: boolean[] = new Array(items.length).fill(false);
  let next = 0;
  let reported = 0;
  const flush = (): void => {
    while (reported < items.length && done[reported]) report(results[reported++]!);
  };
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
      done[i] = true;
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}
