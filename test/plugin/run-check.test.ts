import { cpSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/commands/check.js';
import { BROKEN, GOOD, tempDir } from './helpers.js';
import { zipDirectory } from './zip-helper.js';

async function run(path: string, options: { api?: string; python?: string; pythonVersion?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCheck(path, options, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('sps-tui check', () => {
  it('exits 0 with one OK line for a clean plugin', async () => {
    const path = join(GOOD, 'good-aa');
    const { code, stdout, stderr } = await run(path, { api: '1.8' });
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${path}: OK: good_aa 1\\.0\\.0, type aa, api 1\\.8, accepted by plugin API 1\\.8 \\(Python 3\\.\\d+\\.\\d+\\)\\n$`));
    expect(stderr).toBe('');
  });

  it('exits 1 and prints one path:line: message per finding, for a zip', async () => {
    const zip = join(await tempDir('zip'), 'hooks.zip');
    zipDirectory(join(BROKEN, 'missing-hooks-aa'), zip);
    const { code, stdout, stderr } = await run(zip);
    expect(code).toBe(1);
    expect(stdout.split('\n')).toEqual([
      `${zip}:main.py:5: Plugin has no authorize method (an aa plugin needs authenticate, authorize, session_ended)`,
      `${zip}:main.py:5: Plugin has no session_ended method (an aa plugin needs authenticate, authorize, session_ended)`,
      '',
    ]);
    expect(stderr).toBe(`sps-tui check: 2 problems in ${zip}\n`);
  });

  it('exits 1 for api: 1.10 against --api 1.9, and 0 against --api 1.10', async () => {
    const path = join(BROKEN, 'api-1-10');
    const refused = await run(path, { api: '1.9' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe(`${path}/MANIFEST:5: api 1.10 is not accepted by plugin API 1.9: SPS accepts 1.0 to 1.9\n`);
    expect(refused.stderr).toBe(`sps-tui check: 1 problem in ${path}\n`);
    expect((await run(path, { api: '1.10' })).code).toBe(0);
  });

  it('exits 2 when the plugin cannot be read', async () => {
    expect(await run('/nonexistent/otp.zip')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sps-tui check: /nonexistent/otp.zip: does not exist\n',
    });
    const notZip = join(await tempDir('text'), 'otp.zip');
    await writeFile(notZip, 'hello');
    const { code, stderr } = await run(notZip);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is neither a plugin directory nor a readable zip file/);
  });

  it('exits 2 when --api is not <major>.<minor>', async () => {
    const { code, stderr } = await run(join(GOOD, 'good-aa'), { api: 'latest' });
    expect(code).toBe(2);
    expect(stderr).toBe('sps-tui check: --api must be <major>.<minor>, e.g. 1.8 (got "latest")\n');
  });

  it('exits 4 when the interpreter is missing: no plugin can start', async () => {
    const { code, stdout, stderr } = await run(join(GOOD, 'good-aa'), { python: '/nonexistent/python3' });
    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^sps-tui check: python interpreter .*\/nonexistent\/python3/);
  });

  it('warns, by file and line, of what the appliance Python 3.6 lacks, imports SPS does not ship, and a missing pluginwrapper3 line', async () => {
    const dir = await tempDir('compat');
    cpSync(join(GOOD, 'good-aa'), dir, { recursive: true });
    const main = join(dir, 'main.py');
    const original = readFileSync(main, 'utf8');
    const lines = original.replace('#!/usr/bin/env pluginwrapper3\n', '').split('\n');
    // Line numbers below count from this text.
    const text = [
      'import json',
      'import dataclasses',
      'import requests',
      'try:',
      '    import jwt',
      'except ImportError:',
      '    jwt = None',
      'import helper',
      'if (answer := 42):',
      '    pass',
      ...lines,
    ].join('\n');
    await writeFile(main, text);
    await writeFile(join(dir, 'helper.py'), 'X = 1\n');
    const { code, stdout, stderr } = await run(dir);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l.includes('warning:'))).toEqual([
      `${dir}/main.py:1: warning: the first line is not "#!/usr/bin/env pluginwrapper3", which the guides ask of a Python 3 plugin`,
      `${dir}/main.py:9: warning: syntax Python 3.6 does not have: Assignment expressions are only supported in Python 3.8 and greater`,
      `${dir}/main.py:2: warning: imports dataclasses, which Python 3.6 does not have (new in 3.7)`,
      `${dir}/main.py:5: warning: imports jwt, which SPS does not ship and the plugin does not carry (bundle it in the plugin); besides the standard library SPS provides ldap, OpenSSL, requests, safeguard, urllib3, yaml`,
    ]);
    expect(stderr).toBe(`sps-tui check: 4 warnings in ${dir}\n`);
    // Against a newer appliance Python, the syntax and dataclasses are fine.
    const newer = await run(dir, { pythonVersion: '3.8' });
    expect(newer.stdout).not.toContain('Assignment expressions');
    expect(newer.stdout).not.toContain('dataclasses');
    expect((await run(dir, { pythonVersion: '2.7' })).code).toBe(2);
  });
});
