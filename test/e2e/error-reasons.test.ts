/** A session that ends in ERROR says why in every report, not only `expected "ACCEPT", got "ERROR"`. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

describe('why a session ended in ERROR', () => {
  const project = new TempProject();
  mkdirSync(join(project.dir, 'slow'));
  project.write('slow/MANIFEST', 'name: slow\nversion: 1.0.0\ntype: aa\napi: 1.0\ndescription: sleeps\nentry_point: main.py\n');
  project.write('slow/main.py', 'import time\nclass Plugin:\n    def __init__(self, configuration=""):\n        pass\n    def authenticate(self, **kwargs):\n        time.sleep(30)\n    def session_ended(self, **kwargs):\n        pass\n');
  project.plugin('static-cs');
  project.write(
    'scenarios.yaml',
    'name: a hook that times out\nplugin: slow\ntimeout: 1\nexpect: {verdict: ACCEPT}\n---\nname: a store that raises\nplugin: static-cs\nconnection: {server_username: nobody}\nexpect: {verdict: ACCEPT}\n',
  );

  it('in the text report and the JSON report', async () => {
    const result = await cli(['test', 'scenarios.yaml', '--reporter', 'json=report.json'], { cwd: project.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/expect\.verdict: ended in ERROR: timeout in aa authenticate: .+: expected "ACCEPT", got "ERROR"/);
    expect(result.stdout).toContain('expect.verdict: ended in ERROR: exception in credentialstore get_password_list: get_password_list raised KeyError');
    const report = project.read('report.json');
    expect(report).toContain('ended in ERROR: timeout in aa authenticate');
    expect(report).toContain('ended in ERROR: exception in credentialstore get_password_list');
  });
});
