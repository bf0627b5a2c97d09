import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

describe('the command line', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    expect(await cli(['--version'])).toMatchObject({ code: 0, stdout: pkg.version });
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['check', 'test', 'run', 'replay', 'demo']) expect(help.stdout).toContain(command);
    const testHelp = await cli(['test', '--help']);
    expect(testHelp.stdout).toContain('--reporter');
  });

  it('an unknown flag or command is one line of error plus the usage, exit 2', async () => {
    const flag = await cli(['test', '--frobnicate']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--frobnicate'");
    expect(flag.stderr).toContain('Usage: sps-tui test [options] [paths...]');
    const command = await cli(['frobnicate']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'frobnicate'");
  });

  it('sps-tui check says OK for a good plugin and lists what SPS would refuse in a broken one', async () => {
    const good = await cli(['check', 'examples/otp-aa']);
    expect(good).toMatchObject({ code: 0, stdout: expect.stringMatching(/^examples\/otp-aa: OK: otp_example 1\.0\.0, type aa, api 1\.0 \(Python \d+\.\d+\.\d+\)$/) });
    const broken = await cli(['check', 'test/fixtures/broken/missing-hooks-aa']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^test\/fixtures\/broken\/missing-hooks-aa\/main\.py:\d+: Plugin has no authorize method/m);
    expect(broken.stderr).toMatch(/^sps-tui check: \d+ problems? in test\/fixtures\/broken\/missing-hooks-aa$/m);
  });

  it('sps-tui test passes on the bundled scenarios and ends with the count', async () => {
    const result = await cli(['test']);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(result.code).toBe(0);
  });

  it('a wrong expectation fails with exit 1 and a readable diff naming the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sps-tui-e2e-'));
    const file = join(dir, 'wrong.yaml');
    writeFileSync(file, `name: wrong verdict\nplugin: ${ROOT}examples/otp-aa\nanswers: {otp: "000000"}\nexpect:\n  verdict: ACCEPT\n`);
    const result = await cli(['test', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗');
    expect(result.stdout).toContain(`expect.verdict: expected "ACCEPT", got "DENY"  (${file}:5)`);
    expect(result.stdout).toContain('wrong one-time password');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('a scenario error names the file, line and field, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sps-tui-e2e-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `name: bad\nplugin: x\nconnection:\n  server_port: twenty-two\n`);
    const result = await cli(['test', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:4: connection.server_port:`);
  });

  it.each([['test', 'scenarios/ticket.yaml'], ['replay', 'recordings/scenarios/ticket']])(
    '%s with a missing interpreter is one line and exit 4',
    async (command, path) => {
      const result = await cli([command, path, '--python', '/no/such/python3']);
      expect(result.code).toBe(4);
      expect(result.stderr.trim()).toBe('sps-tui: python interpreter not found: /no/such/python3 (set --python or SPS_TUI_PYTHON)');
    },
  );

  it('writes JUnit for CI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sps-tui-e2e-'));
    const result = await cli(['test', 'scenarios/ticket.yaml', '--reporter', 'junit', '--output', join(dir, 'junit.xml')]);
    expect(result.code).toBe(0);
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toContain('<testcase classname="scenarios/ticket.yaml" name="open ticket is accepted"');
  });

  it.each([[['--version']], [['--help']], [['test', 'scenarios/ticket.yaml']], [['check', 'examples/otp-aa']]])(
    'headless %j never loads Ink or React',
    async (args) => {
      const trace = join(mkdtempSync(join(tmpdir(), 'sps-tui-trace-')), 'imports.txt');
      writeFileSync(trace, '');
      const result = await cli(args, { env: { NO_COLOR: '1', TRACE_IMPORTS_FILE: trace, NODE_OPTIONS: `--import ${ROOT}test/helpers/trace-imports.mjs` } });
      expect(result.code).toBe(0);
      const loaded = readFileSync(trace, 'utf8');
      expect(loaded).toContain('/dist/bundle/main.js');
      expect(loaded).not.toMatch(/node_modules\/(ink|react|react-reconciler|yoga-layout)\//);
    },
  );
});
