/** A run that finds nothing to run says what it looked for and fails, unless told that is fine. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

describe('nothing to run', () => {
  const project = new TempProject();
  project.plugin('otp-aa');
  project.write('empty.yaml', '# scenarios go here\n');
  project.write('one.yaml', 'name: otp accepted\nplugin: otp-aa\nanswers: {otp: "123456"}\nexpect: {verdict: ACCEPT}\n');
  mkdirSync(join(project.dir, 'none'));

  it.each([
    ['an empty scenario file', ['test', 'empty.yaml'], 'no scenarios to run in empty.yaml'],
    ['a filter that matches nothing', ['test', 'one.yaml', '--filter', 'otp acepted'], 'no scenarios to run in one.yaml, none named like "otp acepted"'],
    ['a directory with no recordings', ['replay', 'none'], 'no recordings to run in none'],
  ])('%s is exit 5, naming what was looked for and where', async (_what, args, message) => {
    const result = await cli(args, { cwd: project.dir });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('--pass-with-no-tests');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('0 passed, 0 failed');
  });

  it('--pass-with-no-tests makes it exit 0', async () => {
    const result = await cli(['test', 'empty.yaml', '--pass-with-no-tests'], { cwd: project.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('no scenarios to run in empty.yaml');
  });
});
