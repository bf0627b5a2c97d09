/** A recording that holds no HTTP exchange replays with the network guard alone: no vcrpy, and still hermetic. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

const MAIN = `#!/usr/bin/env pluginwrapper3
import urllib.request

FETCH = False


class Plugin:
    def __init__(self, configuration):
        pass

    def authenticate(self, **kwargs):
        if FETCH:
            urllib.request.urlopen('http://mfa.example.com/check', timeout=5)
        return {'verdict': 'ACCEPT'}

    def authorize(self, **kwargs):
        return {'verdict': 'ACCEPT'}

    def session_ended(self, **kwargs):
        pass
`;

describe('a recording without HTTP', () => {
  it('replays in CI with no vcrpy in the helper cache, and a request the plugin newly makes is a divergence named by the guard', async () => {
    const p = new TempProject();
    p.aaPlugin('quiet', 'quiet', 'makes no request', MAIN);
    p.write('s.yaml', 'name: quiet\nplugin: quiet\nconnection: {server_username: root}\nexpect: {verdict: ACCEPT}\n');
    expect((await cli(['test', 's.yaml'], { cwd: p.dir })).code).toBe(0);

    const ci = { CI: 'true', SPS_TUI_HELPERS_DIR: join(p.dir, 'empty-helper-cache') };
    const replayed = await cli(['replay', 'recordings'], { cwd: p.dir, env: ci });
    expect(replayed.stdout).toContain('1 passed, 0 failed');
    expect(replayed.code).toBe(0);

    p.edit('quiet/main.py', 'FETCH = False', 'FETCH = True');
    const tested = await cli(['test', 's.yaml'], { cwd: p.dir, env: ci });
    expect(tested.code).toBe(1);
    expect(tested.stdout).toContain('network access during replay: DNS lookup of mfa.example.com');
    expect(tested.stdout).toContain('to record this call again: sps-tui test s.yaml --filter "quiet" -u');
  });
});
