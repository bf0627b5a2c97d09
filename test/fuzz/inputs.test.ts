/**
 * Fuzzing of what users hand sps-tui: the project's own scenarios and recordings, broken in
 * seeded random ways. Every case must be read, or refused with a UserError that names the file;
 * never a crash of sps-tui's own, never a hang.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseRecording } from '../../src/record/file.js';
import { parseScenarioText } from '../../src/scenario/parse.js';
import { cli, ROOT } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const yamlFiles = (dir: string): string[] =>
  (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, dir, f));

const SCENARIOS = [...yamlFiles('scenarios'), join(ROOT, 'examples/sdk-mfa-aa/scenarios.yaml'), join(ROOT, 'examples/sdk-credstore/scenarios.yaml')];
const RECORDINGS = yamlFiles('recordings');

type Mutation = (text: string, next: () => number) => string;
const pick = <T,>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)]!;
const lineAt = (text: string, next: () => number): [string[], number] => {
  const lines = text.split('\n');
  return [lines, Math.floor(next() * lines.length)];
};

const MUTATIONS: Record<string, Mutation> = {
  truncate: (text, next) => text.slice(0, Math.floor(next() * text.length)),
  'type flip': (text, next) => {
    const values = [...text.matchAll(/: (\S[^\n]*)/g)];
    if (!values.length) return text;
    const m = pick(values, next);
    const to = pick(['[]', '{}', '123', '-1.5', 'true', 'null', '"x"', '[a, b]', '{a: 1}', '~', "''"], next);
    return text.slice(0, m.index + 2) + to + text.slice(m.index + m[0].length);
  },
  'byte order mark': (text) => `\uFEFF${text}`,
  binary: (text, next) => {
    const at = Math.floor(next() * text.length);
    const junk = Array.from({ length: 1 + Math.floor(next() * 8) }, () => String.fromCharCode(Math.floor(next() * 32))).join('');
    return text.slice(0, at) + junk + text.slice(at);
  },
  'delete a line': (text, next) => {
    const [lines, i] = lineAt(text, next);
    lines.splice(i, 1);
    return lines.join('\n');
  },
  'repeat a line': (text, next) => {
    const [lines, i] = lineAt(text, next);
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  },
  'shift indentation': (text, next) => {
    const [lines, i] = lineAt(text, next);
    lines[i] = next() < 0.5 ? `   ${lines[i]}` : lines[i]!.replace(/^ {1,2}/, '');
    return lines.join('\n');
  },
  'alias bomb': () => ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), 'name: *j'].join('\n'),
  'deep nesting': (_text, next) => `name: deep\nplugin: ${'['.repeat(2000 + Math.floor(next() * 8000))}`,
  'not a map': (_text, next) => pick(['- a\n- b\n', '42\n', '"just a string"\n', '---\n---\n', '', '\u0000\u0001\u0002', '? complex key\n: value\n'], next),
};

/** Reading either succeeds or refuses with a UserError that says which file; anything else fails the case. */
function outcomeOf(read: () => unknown, file: string): 'read' | 'refused' {
  try {
    read();
    return 'read';
  } catch (error) {
    if (!(error instanceof UserError)) throw new Error(`not a user error: ${error instanceof Error ? error.stack : String(error)}`);
    expect(error.message).toContain(file);
    expect(error.exitCode).toBe(2);
    return 'refused';
  }
}

const CASES = 300;

describe('fuzzed input files', () => {
  it.each([
    ['scenario', SCENARIOS, (file: string, text: string) => parseScenarioText(file, text)],
    ['recording', RECORDINGS, (file: string, text: string) => parseRecording(file, text)],
  ] as const)(`%s files: ${CASES} seeded mutations are each read or refused with a user error naming the file`, (_kind, files, read) => {
    const next = random(20261204);
    const seen = { read: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) {
      const file = pick(files, next);
      const name = pick(Object.keys(MUTATIONS), next);
      const text = MUTATIONS[name]!(readFileSync(file, 'utf8'), next);
      const shown = relative(ROOT, file);
      try {
        seen[outcomeOf(() => read(shown, text), shown)]++;
      } catch (error) {
        throw new Error(`case ${i} (${name} of ${shown}): ${error instanceof Error ? error.message : error}\n--- input ---\n${text.slice(0, 600)}`);
      }
    }
    // A generator that broke nothing, or everything, would prove little.
    expect(seen.refused).toBeGreaterThan(CASES / 4);
    expect(seen.read).toBeGreaterThan(0);
  });
});

describe('broken input through the command line', () => {
  it.each([
    ['test', 'scenario.yaml', MUTATIONS['alias bomb']!('', () => 0)],
    ['test', 'scenario.yaml', MUTATIONS['deep nesting']!('', () => 0.5)],
    ['replay', 'recording.yaml', readFileSync(RECORDINGS[0]!, 'utf8').slice(0, 700)],
    ['replay', 'recording.yaml', `\uFEFF${readFileSync(RECORDINGS[0]!, 'utf8').replace('format: 2', 'format: [2]')}`],
  ])('%s of a broken %s is exit 2 with the file named, and no trace of sps-tui', async (command, name, text) => {
    const project = new TempProject();
    project.write(name, text);
    const result = await cli([command, name], { cwd: project.dir });
    expect(result.code).toBe(2);
    // test refuses the file before running anything; replay reports it as that recording's case.
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toMatch(new RegExp(`${name}(:\\d+)?`));
    expect(output).not.toMatch(/bug in sps-tui|\n\s+at /);
  });
});
