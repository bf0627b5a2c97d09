/** --coverage: which lines and branches of the plugin ran, per scenario, in files CI services read. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import lcovParse from 'lcov-parse';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

// `approve` has a branch (the ticket that is too long) no scenario takes.
const MAIN = `#!/usr/bin/env pluginwrapper3
import time


def approve(ticket):
    if ticket.startswith('T-'):
        return 'ACCEPT'
    if len(ticket) > 20:
        return 'too long'
    return 'DENY'


class Plugin:
    def __init__(self, configuration):
        self.configuration = configuration

    def authenticate(self, key_value_pairs, **kwargs):
        ticket = key_value_pairs.get('ticket')
        if ticket is None:
            return {'verdict': 'NEEDINFO', 'question': ('ticket', 'Ticket: ', True)}
        if ticket == 'slow':
            print('waiting for the ticket service')
            time.sleep(30)
            print('never printed')
        return {'verdict': approve(ticket)}

    def authorize(self, **kwargs):
        return {'verdict': 'ACCEPT'}

    def session_ended(self, **kwargs):
        pass
`;

const scenario = (name: string, ticket: string, verdict: string, extra = ''): string =>
  `name: ${name}\nplugin: tickets\nconnection: {server_username: root}\nanswers: {ticket: "${ticket}"}\nexpect: {verdict: ${verdict}}\n${extra}`;

function project(): TempProject {
  const p = new TempProject();
  p.aaPlugin('tickets', 'tickets', 'asks for a ticket', MAIN);
  p.write('good.yaml', scenario('a good ticket', 'T-1', 'ACCEPT'));
  p.write('bad.yaml', scenario('a bad ticket', 'X-1', 'DENY'));
  return p;
}

const run = (p: TempProject, ...args: string[]) => cli(['test', 'good.yaml', 'bad.yaml', '--recordings', 'recs', '--coverage', ...args], { cwd: p.dir });

describe('test --coverage', () => {
  it('prints a table of the plugin’s own files that names the lines no scenario ran', async () => {
    const p = project();
    const result = await run(p);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const row = result.stdout.split('\n').find((line) => line.startsWith('tickets/main.py'));
    // Lines 9 (too long) and 22-24 (the slow ticket) never ran; the SDK, the host and site-packages are not listed.
    expect(row).toMatch(/^tickets\/main\.py +\| +\d+ \| +4 \| +\d+ \| +2 \| +\d+\.\d% \| +\d+\.\d% \| 9, 22-24$/);
    expect(result.stdout).not.toContain('sps_tui_host');
    expect(result.stdout).toContain('All files');
    expect(result.stdout.trimEnd().endsWith('2 passed, 0 failed')).toBe(true);
  });

  it('fails with exit 1 below a threshold and says by how much, lines and branches separately', async () => {
    const p = project();
    const both = await run(p, '--coverage-threshold', '95');
    expect(both.code).toBe(1);
    expect(both.stdout).toMatch(/coverage of lines is \d+\.\d%, below the threshold of 95% by \d+\.\d points/);
    expect(both.stdout).toMatch(/coverage of branches is \d+\.\d%, below the threshold of 95% by \d+\.\d points/);
    // All scenarios passed: only coverage failed the run.
    expect(both.stdout).toContain('2 passed, 0 failed');

    const linesOnly = await run(p, '--coverage-threshold', 'lines=10,branches=99');
    expect(linesOnly.code).toBe(1);
    expect(linesOnly.stdout).not.toContain('coverage of lines');
    expect(linesOnly.stdout).toContain('coverage of branches');

    expect((await run(p, '--coverage-threshold', '10')).code).toBe(0);
    const bad = await run(p, '--coverage-threshold', 'lines=eighty');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--coverage-threshold: lines must be a percentage from 0 to 100, not "eighty"');
    const stray = await cli(['test', 'good.yaml', '--coverage-reporter', 'lcov'], { cwd: p.dir });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--coverage-reporter needs --coverage');
  });

  it('writes lcov and Cobertura files their parsers read back, into --coverage-dir', async () => {
    const p = project();
    const result = await run(p, '--coverage-reporter', 'lcov', '--coverage-reporter', 'cobertura', '--coverage-reporter', 'html', '--coverage-dir', 'out/cov');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('coverage report: out/cov/lcov.info');

    const records = await new Promise<lcovParse.LcovFile[]>((resolve, reject) =>
      lcovParse(readFileSync(join(p.dir, 'out/cov/lcov.info'), 'utf8'), (error, data) => (error ? reject(new Error(error)) : resolve(data!))),
    );
    expect(records.map((r) => r.file)).toEqual(['tickets/main.py']);
    const [file] = records;
    const missed = file!.lines.details.filter((l) => l.hit === 0).map((l) => l.line);
    expect(missed).toEqual([9, 22, 23, 24]);
    expect(file!.branches.found).toBeGreaterThan(file!.branches.hit);
    expect(file!.branches.details.some((b) => b.line === 8 && b.taken === 0)).toBe(true);

    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(p.dir, 'out/cov/cobertura-coverage.xml'), 'utf8'));
    const classes = [xml.coverage.packages.package].flat().flatMap((pkg: { classes: { class: unknown } }) => [pkg.classes.class].flat()) as Array<Record<string, unknown>>;
    const main = classes.find((c) => String(c['@_filename']).endsWith('main.py'))!;
    const lines = [(main.lines as { line: unknown }).line].flat() as Array<Record<string, string>>;
    expect(lines.filter((l) => l['@_hits'] === '0').map((l) => Number(l['@_number']))).toEqual([9, 22, 23, 24]);
    expect(Number(xml.coverage['@_branch-rate'])).toBeLessThan(1);

    expect(readFileSync(join(p.dir, 'out/cov/html/index.html'), 'utf8')).toContain('main.py');
  });

  it('tells which scenario ran a line: one context per scenario, and one for the import', async () => {
    const p = project();
    expect((await run(p, '--coverage-reporter', 'json')).code).toBe(0);
    const data = JSON.parse(p.read('coverage/coverage.json')) as { files: Record<string, { contexts: Record<string, string[]> }> };
    const contexts = Object.values(data.files)[0]!.contexts;
    expect(contexts['7']).toEqual(['good.yaml > a good ticket']); // return 'ACCEPT'
    expect(contexts['10']).toEqual(['bad.yaml > a bad ticket']); // return 'DENY'
    expect(contexts['5']).toEqual(['(import of main.py)']); // def approve
    expect([...contexts['18']!].sort()).toEqual(['bad.yaml > a bad ticket', 'good.yaml > a good ticket']);
  });

  it('counts what a call ran before its time limit killed it', async () => {
    const p = project();
    p.write('slow.yaml', scenario('a slow ticket', 'slow', 'ERROR', 'timeout: 1\n'));
    const result = await cli(['test', 'slow.yaml', '--recordings', 'recs', '--coverage', '--coverage-reporter', 'json'], { cwd: p.dir });
    expect(result.code).toBe(0);
    const data = JSON.parse(p.read('coverage/coverage.json')) as { files: Record<string, { executed_lines: number[]; missing_lines: number[] }> };
    const main = Object.values(data.files)[0]!;
    expect(main.executed_lines).toEqual(expect.arrayContaining([22, 23]));
    expect(main.missing_lines).toContain(24);

    // The recording keeps the scenario's limit: replayed with 300 s, the call would end in DENY after 30 s.
    expect(p.read('recs/slow/a-slow-ticket.yaml')).toMatch(/^  timeout: 1$/m);
    const replayed = await cli(['replay', 'recs/slow'], { cwd: p.dir });
    expect(replayed.stdout).toContain('1 passed, 0 failed');
    expect(replayed.code).toBe(0);
  });

  it('replay --coverage measures recordings, each its own context; a zip plugin is named inside its zip', async () => {
    const p = project();
    expect((await cli(['pack', 'tickets', '-o', 'tickets.zip'], { cwd: p.dir })).code).toBe(0);
    p.write('zipped.yaml', scenario('a zipped plugin', 'X-2', 'DENY').replace('plugin: tickets', 'plugin: tickets.zip'));
    expect((await cli(['test', 'zipped.yaml', 'good.yaml', '--recordings', 'recs'], { cwd: p.dir })).code).toBe(0);
    const result = await cli(['replay', 'recs', '--coverage', '--coverage-reporter', 'json'], { cwd: p.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^tickets\.zip\/main\.py +\|/m);
    expect(result.stdout).toMatch(/^tickets\/main\.py +\|/m);
    const data = JSON.parse(p.read('coverage/coverage.json')) as { files: Record<string, { contexts: Record<string, string[]> }> };
    const all = Object.values(data.files).flatMap((f) => Object.values(f.contexts).flat());
    expect(new Set(all)).toEqual(new Set(['(import of main.py)', 'recs/good/a-good-ticket.yaml', 'recs/zipped/a-zipped-plugin.yaml']));
  });
});
