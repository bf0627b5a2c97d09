/**
 * The end of a --coverage run: coverage.py combines the calls' data files and writes its reports
 * (JSON always, Cobertura XML and HTML when asked), then the table, lcov and the thresholds are
 * made here from the JSON.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { ExitCode, UserError } from '../errors.js';
import { ensureHelpers } from '../host/helper-cache.js';
import { writeFileAtomic } from '../record/atomic.js';
import type { CoveragePlan, Thresholds } from './plan.js';

const REPORT_SCRIPT = fileURLToPath(new URL('../host/python/coverage_report.py', import.meta.url));

/** What coverage.py's JSON report says of one file (the branch lists exist from coverage.py 7). */
interface MeasuredFile {
  executed_lines: number[];
  missing_lines: number[];
  executed_branches?: Array<[number, number]>;
  missing_branches?: Array<[number, number]>;
  contexts?: Record<string, string[]>;
  summary: { num_statements: number; covered_lines: number; num_branches?: number; covered_branches?: number };
}

export interface FileCoverage {
  /** As the user knows it: relative to the current directory, or inside the .zip they named. */
  name: string;
  statements: number;
  missedLines: number[];
  branches: number;
  missedBranches: number;
  executedBranches?: Array<[number, number]>;
  missingBranches?: Array<[number, number]>;
  executedLines: number[];
  /** Line → the scenarios and recordings that ran it. */
  contexts: Record<string, string[]>;
}

export interface CoverageSummary {
  files: FileCoverage[];
  lines: number;
  branches: number;
}

export interface CoverageOutcome {
  summary: CoverageSummary;
  /** Threshold failures in words; empty when the thresholds hold. */
  shortfalls: string[];
  written: string[];
}

const pct = (covered: number, total: number): number => (total === 0 ? 100 : (100 * covered) / total);
const shownPct = (value: number): string => `${(Math.floor(value * 10) / 10).toFixed(1)}%`;

/** A name the user recognises: inside the zip they gave for an extracted plugin, else relative to here. */
function displayName(file: string, plugins: Map<string, string>): string {
  for (const [dir, source] of plugins) {
    if (dir !== resolve(source) && file.startsWith(dir + sep)) return join(relative(process.cwd(), source) || source, relative(dir, file));
  }
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

export function summarizeCoverage(measured: Record<string, MeasuredFile>, plugins: Map<string, string>): CoverageSummary {
  const files = Object.entries(measured)
    .map(([name, data]): FileCoverage => {
      const branches = data.summary.num_branches ?? 0;
      return {
        name: displayName(resolve(name), plugins),
        statements: data.summary.num_statements,
        missedLines: data.missing_lines,
        executedLines: data.executed_lines,
        branches,
        missedBranches: branches - (data.summary.covered_branches ?? 0),
        ...(data.executed_branches ? { executedBranches: data.executed_branches } : {}),
        ...(data.missing_branches ? { missingBranches: data.missing_branches } : {}),
        contexts: data.contexts ?? {},
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const sum = (pick: (f: FileCoverage) => number): number => files.reduce((n, f) => n + pick(f), 0);
  const statements = sum((f) => f.statements);
  const branches = sum((f) => f.branches);
  return {
    files,
    lines: pct(statements - sum((f) => f.missedLines.length), statements),
    branches: pct(branches - sum((f) => f.missedBranches), branches),
  };
}

/** `3-5, 9`: missed lines as ranges, as coverage.py and vitest print them. */
export function lineRanges(lines: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    ranges.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j;
  }
  return ranges.join(', ');
}

export function coverageTable({ files, lines, branches }: CoverageSummary): string {
  const head = ['File', 'Stmts', 'Miss', 'Branch', 'BrMiss', 'Lines', 'Branches', 'Missed lines'];
  const row = (f: FileCoverage): string[] => [
    f.name,
    `${f.statements}`,
    `${f.missedLines.length}`,
    `${f.branches}`,
    `${f.missedBranches}`,
    shownPct(pct(f.statements - f.missedLines.length, f.statements)),
    shownPct(pct(f.branches - f.missedBranches, f.branches)),
    lineRanges(f.missedLines),
  ];
  const total = ['All files', ...[(f: FileCoverage) => f.statements, (f: FileCoverage) => f.missedLines.length, (f: FileCoverage) => f.branches, (f: FileCoverage) => f.missedBranches].map((pick) => `${files.reduce((n, f) => n + pick(f), 0)}`), shownPct(lines), shownPct(branches), ''];
  const rows = [head, total, ...files.map(row)];
  const widths = head.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [rule, line(head), rule, line(total), rule, ...files.map((f) => line(row(f))), rule].join('\n');
}

/** lcov's tracefile: lines (DA), and branches (BRDA) where coverage.py lists them. */
export function lcov({ files }: CoverageSummary): string {
  const out: string[] = [];
  for (const f of files) {
    out.push('TN:', `SF:${f.name}`);
    const hits = new Map<number, number>([...f.executedLines.map((l) => [l, 1] as const), ...f.missedLines.map((l) => [l, 0] as const)]);
    for (const [lineNo, hit] of [...hits].sort((a, b) => a[0] - b[0])) out.push(`DA:${lineNo},${hit}`);
    out.push(`LF:${hits.size}`, `LH:${f.executedLines.length}`);
    if (f.executedBranches || f.missingBranches) {
      const arcs = [...(f.executedBranches ?? []).map((a) => [...a, 1] as const), ...(f.missingBranches ?? []).map((a) => [...a, 0] as const)].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const index = new Map<number, number>();
      for (const [from, , taken] of arcs) {
        const n = index.get(from) ?? 0;
        index.set(from, n + 1);
        out.push(`BRDA:${from},0,${n},${taken ? 1 : '0'}`);
      }
    }
    out.push(`BRF:${f.branches}`, `BRH:${f.branches - f.missedBranches}`, 'end_of_record');
  }
  return `${out.join('\n')}\n`;
}

/** Each threshold the run misses, and by how much. */
export function shortfalls(summary: CoverageSummary, thresholds: Thresholds): string[] {
  return (['lines', 'branches'] as const).flatMap((kind) => {
    const wanted = thresholds[kind];
    const actual = summary[kind];
    if (wanted === undefined || actual >= wanted) return [];
    return [`coverage of ${kind} is ${shownPct(actual)}, below the threshold of ${wanted}% by ${(wanted - actual).toFixed(1)} points`];
  });
}

/** Combines the run's data under `python` (the interpreter the plugins ran under), writes the reports, removes the data. */
export async function reportCoverage(plan: CoveragePlan, python: string): Promise<CoverageOutcome> {
  try {
    const [helper] = await ensureHelpers(python, ['coverage']);
    const json = join(plan.dataDir, 'coverage.json');
    const wants = new Set(plan.reporters);
    await mkdir(plan.reportDir, { recursive: true });
    const spec = {
      helpers: [helper],
      data_dir: plan.dataDir,
      sources: [...plan.plugins.keys()],
      json,
      ...(wants.has('cobertura') ? { xml: join(plan.reportDir, 'cobertura-coverage.xml') } : {}),
      ...(wants.has('html') ? { html: join(plan.reportDir, 'html') } : {}),
    };
    const specFile = join(plan.dataDir, 'spec.json');
    await writeFile(specFile, JSON.stringify(spec));
    const result = await execa(python, [REPORT_SCRIPT, specFile], { reject: false, all: true });
    if (result.exitCode !== 0) {
      throw new UserError(`coverage.py could not combine or report this run's data (${python}):\n${String(result.all ?? '').trim().split('\n').slice(-5).join('\n')}`, undefined, ExitCode.failed);
    }
    const data = JSON.parse(await readFile(json, 'utf8')) as { files: Record<string, MeasuredFile> };
    const summary = summarizeCoverage(data.files, plan.plugins);
    const written: string[] = [];
    if (spec.xml) written.push(spec.xml);
    if (spec.html) written.push(join(spec.html, 'index.html'));
    if (wants.has('lcov')) {
      const file = join(plan.reportDir, 'lcov.info');
      await writeFileAtomic(file, lcov(summary));
      written.push(file);
    }
    if (wants.has('json')) {
      const file = join(plan.reportDir, 'coverage.json');
      await writeFileAtomic(file, await readFile(json, 'utf8'));
      written.push(file);
    }
    return { summary, shortfalls: shortfalls(summary, plan.thresholds), written: written.map((f) => relative(process.cwd(), f) || f) };
  } finally {
    await rm(plan.dataDir, { recursive: true, force: true });
  }
}
