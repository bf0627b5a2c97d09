/** The plugin's environment is SPS's, not the operator's shell: nothing leaks in unless asked for. */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURE_PLUGINS } from '../helpers/host.js';
import { TempProject } from '../helpers/project.js';

const SHELL = {
  GITHUB_TOKEN: 'ghp_not_for_plugins',
  AWS_SECRET_ACCESS_KEY: 'aws-not-for-plugins',
  AWS_REGION: 'eu-west-1',
  SPS_TUI_SECRET_OTP: '123456',
  PYTHONPATH: '/somewhere/else',
  HTTPS_PROXY: 'http://proxy.example:3128',
  TZ: 'Europe/Budapest',
};

const envOf = (stdout: string): Record<string, string> =>
  Object.fromEntries([...stdout.matchAll(/│ {1,2}env ([A-Z_a-z0-9]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));

describe('the environment a plugin sees', () => {
  const project = new TempProject();
  cpSync(join(FIXTURE_PLUGINS, 'behaviours'), join(project.dir, 'behaviours'), { recursive: true });
  project.write('s.yaml', 'name: environ\nplugin: behaviours\nconnection: {key_value_pairs: {case: environ}}\nexpect: {verdict: ACCEPT}\n');
  project.write('proxy.yaml', 'name: environ\nplugin: behaviours\nconnection: {key_value_pairs: {case: environ}}\nenv: {NO_PROXY: internal.example}\npass_env: [HTTPS_PROXY]\n');
  const run = (args: string[]) => cli(['run', ...args, '--plain'], { cwd: project.dir, env: SHELL });

  it('is PATH, the locale, TZ and the session own HOME, TMPDIR and state directories, nothing else of the shell', async () => {
    const result = await run(['s.yaml']);
    expect(result.code).toBe(0);
    const env = envOf(result.stdout);
    // An interpreter shim (pyenv) may put its own directories in front.
    expect(env.PATH?.endsWith(process.env.PATH!)).toBe(true);
    expect(env.TZ).toBe('Europe/Budapest');
    for (const name of ['GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'SPS_TUI_SECRET_OTP', 'PYTHONPATH', 'HTTPS_PROXY', 'NO_COLOR']) expect(env).not.toHaveProperty(name);
    expect(env.HOME).toMatch(/sps-tui-behaviours-[^/]+\/home$/);
    expect(env.TMPDIR).toMatch(/sps-tui-behaviours-[^/]+\/tmp$/);
    expect(env.EPHEMERAL_PLUGIN_STATE_DIRECTORY).toMatch(/sps-tui-behaviours-[^/]+\/state$/);
    expect(env.SCB_PLUGIN_STATE_DIRECTORY).toBeDefined();
    expect(result.stdout).not.toContain('ghp_not_for_plugins');
  });

  it('--pass-env adds names and globs, a scenario adds env: and pass_env:, and no secret of sps-tui ever passes', async () => {
    const flagged = envOf((await run(['s.yaml', '--pass-env', 'AWS_*', '--pass-env', 'SPS_TUI_SECRET_*'])).stdout);
    expect(flagged).toMatchObject({ AWS_REGION: 'eu-west-1', AWS_SECRET_ACCESS_KEY: 'aws-not-for-plugins' });
    expect(flagged).not.toHaveProperty('SPS_TUI_SECRET_OTP');
    expect(flagged).not.toHaveProperty('GITHUB_TOKEN');

    const scenario = envOf((await run(['proxy.yaml'])).stdout);
    expect(scenario).toMatchObject({ HTTPS_PROXY: 'http://proxy.example:3128', NO_PROXY: 'internal.example' });
    expect(scenario).not.toHaveProperty('GITHUB_TOKEN');
  });

  it('--inherit-env gives the whole shell back, but for sps-tui secrets', async () => {
    const env = envOf((await run(['s.yaml', '--inherit-env'])).stdout);
    expect(env).toMatchObject({ GITHUB_TOKEN: 'ghp_not_for_plugins', PYTHONPATH: '/somewhere/else' });
    expect(env).not.toHaveProperty('SPS_TUI_SECRET_OTP');
  });
});
