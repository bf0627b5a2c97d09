/** A plugin that prints what the user typed at an echo-off prompt: sps-tui masks it everywhere and says so. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

const GOOD = '271828';
const WRONG = '314159';

const LEAKY_PLUGIN = `class Plugin:
    def __init__(self, configuration=""):
        pass

    def authenticate(self, key_value_pairs, **kwargs):
        if "otp" not in key_value_pairs:
            return {"verdict": "NEEDINFO", "question": ("otp", "Code: ", True)}
        print("checking code " + key_value_pairs["otp"])
        if key_value_pairs["otp"] != "${GOOD}":
            raise RuntimeError("wrong code " + key_value_pairs["otp"])
        return {"verdict": "ACCEPT"}

    def authorize(self, **kwargs):
        return {"verdict": "ACCEPT"}

    def session_ended(self, **kwargs):
        pass
`;

const scenario = (name: string, otp: string): string => `name: ${name}\nplugin: leaky\nanswers: {otp: "${otp}"}\nexpect: {verdict: ACCEPT}\n`;

let project: TempProject;
beforeEach(() => {
  project = new TempProject();
  project.aaPlugin('leaky', 'leaky_aa', 'prints what it is told', LEAKY_PLUGIN);
  project.write('right.yaml', scenario('right code', GOOD));
  project.write('wrong.yaml', scenario('wrong code', WRONG));
});

describe('a plugin that prints a secret', () => {
  it('test masks it in the log and the traceback, in every report, and warns even when the scenario passes', async () => {
    const result = await cli(['test', 'right.yaml', 'wrong.yaml', '--reporter', 'junit=junit.xml'], { cwd: project.dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(result.code).toBe(1);
    for (const text of [result.stdout, result.stderr, project.read('junit.xml')]) {
      expect(text).not.toContain(GOOD);
      expect(text).not.toContain(WRONG);
    }
    expect(result.stdout).toMatch(/✓ right\.yaml › right code.*\n {4}warning: aa authenticate printed a secret/);
    expect(result.stdout).toContain('[aa authenticate] checking code ********');
    expect(result.stdout).toContain('RuntimeError: wrong code ********');
    expect(result.stdout).toMatch(/^::warning file=right\.yaml,line=1,title=right code::aa authenticate printed a secret/m);
    expect(readFileSync(join(project.dir, 'junit.xml'), 'utf8')).toContain('checking code ********');
  });

  it('run in plain mode masks what the plugin prints of the typed answer', async () => {
    const result = await cli(['run', 'right.yaml', '--ask-all'], { cwd: project.dir, input: `${GOOD}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('checking code ********');
    expect(result.stdout).not.toContain(GOOD);
  });
});
