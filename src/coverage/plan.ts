/**
 * `--coverage` and its flags, checked once: where coverage.py's data goes while the run lasts,
 * which reports are written where, and the thresholds that fail the run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';

export interface CoverageFlags {
  coverage?: boolean;
  coverageReporter?: string[];
  coverageDir?: string;
  coverageThreshold?: string;
}

export const REPORTERS = ['lcov', 'html', 'cobertura', 'json'] as const;
export type CoverageReporter = (typeof REPORTERS)[number];

/** Percentages the run must reach; either may be absent. */
export interface Thresholds {
  lines?: number;
  branches?: number;
}

export interface CoveragePlan {
  /** Data files of every call, combined at the end (a temporary directory of the run's own). */
  dataDir: string;
  /** Where the report files go (default coverage/). */
  reportDir: string;
  reporters: CoverageReporter[];
  thresholds: Thresholds;
  /** Each plugin directory measured, and what the user named it (the .zip for an extracted one). */
  readonly plugins: Map<string, string>;
}

const percent = (text: string, what: string): number => {
  const value = Number(text);
  if (text.trim() === '' || !(value >= 0 && value <= 100)) throw new UserError(`--coverage-threshold: ${what} must be a percentage from 0 to 100, not "${text}"`);
  return value;
};

/** `80` (lines and branches) or `lines=80,branches=60`. */
export function parseThresholds(text: string): Thresholds {
  if (!text.includes('=')) {
    const both = percent(text, 'the threshold');
    return { lines: both, branches: both };
  }
  const thresholds: Thresholds = {};
  for (const part of text.split(',')) {
    const [name, value = ''] = part.split('=').map((s) => s.trim());
    if (name !== 'lines' && name !== 'branches') throw new UserError(`--coverage-threshold: "${name}" is not lines or branches (e.g. lines=80,branches=60)`);
    thresholds[name] = percent(value, name);
  }
  return thresholds;
}

/** The plan, or undefined without --coverage; a reporter or threshold flag without it is a usage error. */
export function coveragePlanFrom(flags: CoverageFlags): CoveragePlan | undefined {
  const reporters = flags.coverageReporter ?? [];
  if (!flags.coverage) {
    const stray = reporters.length ? '--coverage-reporter' : flags.coverageThreshold !== undefined ? '--coverage-threshold' : flags.coverageDir ? '--coverage-dir' : undefined;
    if (stray) throw new UserError(`${stray} needs --coverage`);
    return undefined;
  }
  for (const name of reporters) {
    if (!(REPORTERS as readonly string[]).includes(name)) throw new UserError(`--coverage-reporter: "${name}" is not one of ${REPORTERS.join(', ')}`);
  }
  return {
    dataDir: mkdtempSync(join(tmpdir(), 'sps-tui-coverage-')),
    reportDir: resolve(flags.coverageDir ?? 'coverage'),
    reporters: [...new Set(reporters)] as CoverageReporter[],
    thresholds: flags.coverageThreshold === undefined ? {} : parseThresholds(flags.coverageThreshold),
    plugins: new Map(),
  };
}
