/**
 * sps-tui outside its own repository: the tarball npm pack makes installs into an empty folder and
 * runs there with no build step and no dev dependencies.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, userEnv } from '../helpers/cli.js';

const app = mkdtempSync(join(tmpdir(), 'sps-tui-app-'));
const npx = (args: string[], input?: string) =>
  execa('npx', ['--no-install', 'sps-tui', ...args], { cwd: app, reject: false, extendEnv: false, env: userEnv(), ...(input === undefined ? { stdin: 'ignore' as const } : { input }) });

beforeAll(async () => {
  // npm test has built dist/ already: pack it as it is.
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', app], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').at(-1)!;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'my-plugins', private: true }));
  execFileSync('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', `./${packed}`], { cwd: app, stdio: 'ignore', timeout: 240_000 });
  cpSync(join(ROOT, 'examples/otp-aa'), join(app, 'otp-aa'), { recursive: true });
  writeFileSync(
    join(app, 'otp.yaml'),
    '# yaml-language-server: $schema=node_modules/sps-tui/schema/scenario.schema.json\nname: otp accepted\nplugin: otp-aa\nconnection: {server_username: root, gateway_user: alice}\nanswers: {otp: "123456"}\nexpect: {verdict: ACCEPT}\n',
  );
}, 300_000);

describe('the packed tarball, installed into an empty folder', () => {
  it('brings no dev dependency and no build step, and ships the schema and the Python host', () => {
    const installed = readdirSync(join(app, 'node_modules'));
    for (const dev of ['vitest', 'typescript', 'esbuild', 'ink-testing-library']) expect(installed).not.toContain(dev);
    expect(existsSync(join(app, 'node_modules/sps-tui/schema/scenario.schema.json'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/sps-tui/dist/bundle/python/sps_tui_host/server.py'))).toBe(true);
  });

  it('checks, tests, records, replays, runs and demos there', async () => {
    expect((await npx(['check', 'otp-aa'])).stdout).toContain('OK: otp_example');
    const tested = await npx(['test', 'otp.yaml', '--record', 'rec']);
    expect(tested.stdout).toContain('1 passed, 0 failed');
    expect((await npx(['replay', 'rec'])).stdout).toContain('1 passed, 0 failed');
    const run = await npx(['run', 'otp-aa', '--username', 'otp=123456@root', '--gateway-user', 'carol', '--plain']);
    expect(run.stdout).toContain('= ACCEPT');
    const demo = await npx(['demo', '--speed', '0', '--plain']);
    expect(demo.exitCode).toBe(0);
    expect(demo.stdout).toContain('That is the whole session');
  });
});
