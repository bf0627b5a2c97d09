/** Behaviour a one-line slip would break with no other test noticing: the question limit, --record-secrets, Ctrl-C. */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, cli, userEnv } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

const project = new TempProject();
project.aaPlugin(
  'asker',
  'asker',
  'asks forever',
  '#!/usr/bin/env pluginwrapper3\nclass Plugin:\n    def __init__(self, configuration=""):\n        pass\n    def authenticate(self, key_value_pairs, **kwargs):\n        return {"verdict": "NEEDINFO", "question": ("q", "Again: ", False)}\n    def authorize(self, **kwargs):\n        return {"verdict": "ACCEPT"}\n    def session_ended(self, **kwargs):\n        print("ended")\n',
);
project.plugin('otp-aa');

describe('guards', () => {
  it('max_questions stops a plugin after exactly that many questions', async () => {
    project.write('ask.yaml', 'name: asks\nplugin: asker\nmax_questions: 3\nanswers: {q: x}\nexpect: {verdict: ERROR, error: asked more than 3 questions, questions: [{key: q}, {key: q}, {key: q}]}\n');
    const result = await cli(['test', 'ask.yaml', '--recordings', 'none'], { cwd: project.dir });
    expect(result.stdout).toContain('1 passed, 0 failed');
  });

  it('--record-secrets writes the echo-off answer in clear and says so; without it the file holds a placeholder', async () => {
    project.write('otp.yaml', 'name: otp\nplugin: otp-aa\nconnection: {server_username: root, gateway_user: alice}\nanswers: {otp: "123456"}\n');
    await cli(['test', 'otp.yaml', '--record', 'plain'], { cwd: project.dir });
    await cli(['test', 'otp.yaml', '--record', 'clear', '--record-secrets'], { cwd: project.dir });
    const redacted = project.read('plain/otp/otp.yaml');
    const clear = project.read('clear/otp/otp.yaml');
    expect(redacted).toContain('value: <secret:otp>');
    expect(redacted).not.toContain('123456');
    expect(clear).toContain('\nsecrets: clear\n');
    expect(clear).toMatch(/value: "123456"/);
  });

  it('Ctrl-C (SIGINT) in a plain run still calls session_ended, then exits 130', async () => {
    const run = execa('node', [BIN, 'run', 'otp-aa', '--plain'], { cwd: project.dir, reject: false, extendEnv: false, env: userEnv(), stdin: 'pipe' });
    let out = '';
    await new Promise<void>((resolve) =>
      run.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('One-time password')) resolve();
      }),
    );
    run.kill('SIGINT');
    const result = await run;
    expect(result.exitCode).toBe(130);
    expect(String(result.stdout)).toMatch(/→ aa session_ended/);
  });
});
