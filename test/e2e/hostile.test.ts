/** What a user sees of a hook that leaves a daemon behind: a warning in every report, and no daemon. */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURE_PLUGINS, eventually, isRunning } from '../helpers/host.js';
import { TempProject } from '../helpers/project.js';

describe.runIf(process.platform === 'linux')('a hook that leaves a daemon running', () => {
  const project = new TempProject();
  cpSync(join(FIXTURE_PLUGINS, 'behaviours'), join(project.dir, 'behaviours'), { recursive: true });
  const pidFile = join(project.dir, 'daemon.pid');
  project.write('s.yaml', `name: daemon\nplugin: behaviours\nconnection: {key_value_pairs: {case: daemon, path: ${JSON.stringify(pidFile)}}}\nexpect: {verdict: ACCEPT}\n`);

  it('passes with a warning naming what was left, which is no longer running', async () => {
    const result = await cli(['test', 's.yaml', '--recordings', 'none'], { cwd: project.dir });
    expect(result.stdout).toMatch(/warning: aa authenticate left \d process(es)? running; sps-tui ended (it|them): sh -c echo/);
    expect(result.code).toBe(0);
    expect(existsSync(pidFile)).toBe(true);
    expect(await eventually(() => !isRunning(Number(readFileSync(pidFile, 'utf8'))))).toBe(true);
  });

  it('run --plain says so under the call', async () => {
    const result = await cli(['run', 's.yaml', '--plain'], { cwd: project.dir });
    expect(result.stdout).toMatch(/← authenticate: ACCEPT[^\n]*\n {2}! aa authenticate left \d process(es)? running/);
  });
});
