/** `sps-tui run` in a real terminal: what a person at the keyboard sees. */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { SERVICE_SECRETS, startFakeService } from '../helpers/fake-service.js';
import { TempProject } from '../helpers/project.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
const start = (args: string, size?: { columns: number; rows: number }): TmuxSession => {
  const session = new TmuxSession(`node bin/sps-tui.js ${args}`, ROOT, size);
  sessions.push(session);
  return session;
};
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

describe.skipIf(!hasTmux)('the interactive session under tmux', () => {
  it('masks the one-time password as it is typed and accepts it', async () => {
    const tui = start('run scenarios/otp.yaml --ask-all');
    await tui.waitFor((s) => s.includes('One-time password'));
    tui.keys('1', '2', '3', '4', '5', '6');
    const typed = await tui.waitFor((s) => s.includes('******'));
    expect(typed).not.toContain('123456');
    tui.keys('Enter');
    const done = await tui.waitFor((s) => /ACCEPT\s+\(authenticate ACCEPT/.test(s));
    expect(done).not.toContain('123456');
    expect(done).toContain('session_ended');
    expect(done).toContain('q/Enter quit');
    expect(done).not.toContain('Ctrl-C abort');
    // The last screen stays until q: there is time to look at cookies and credentials.
    await new Promise((resolve) => setTimeout(resolve, 500));
    tui.keys('Tab');
    const cookies = await tui.waitFor((s) => s.includes('c/Tab logs'));
    expect(cookies).toContain('cookie');
    tui.keys('q');
    expect(await tui.exitCode()).toBe(0);
  });

  it('the final screen keeps returned credentials until Ctrl-R, then quits on q with the session\'s exit code', async () => {
    const tui = start('run scenarios/demo.yaml --ask-all');
    await tui.waitFor((s) => s.includes('One-time password'));
    tui.keys('9', '9', '9', '9', '9', '9', 'Enter');
    await tui.waitFor((s) => s.includes('Wrong code'));
    tui.keys('1', '2', '3', '4', '5', '6', 'Enter');
    const done = await tui.waitFor((s) => s.includes('q/Enter quit') && s.includes('credential'));
    expect(done).not.toContain('s3cret');
    tui.keys('C-r');
    await tui.waitFor((s) => s.includes('r hide credentials'));
    tui.keys('Tab');
    await tui.waitFor((s) => s.includes('c/Tab logs'));
    tui.keys('q');
    expect(await tui.exitCode()).toBe(0);
  });

  it('Ctrl-C at the prompt still calls session_ended, then exits 130', async () => {
    const tui = start('run scenarios/otp.yaml --ask-all');
    await tui.waitFor((s) => s.includes('One-time password'));
    tui.keys('4', '2', 'C-c');
    const screen = await tui.waitFor((s) => s.includes('ABORTED'));
    expect(screen).toMatch(/session_ended/);
    expect(screen).not.toContain('42');
    // Once session_ended has run, the status line says so instead of still waiting.
    expect(screen).not.toContain('waiting for session_ended');
    expect(await tui.exitCode()).toBe(130);
  });

  it('stays readable at 80x24 with both plugins', async () => {
    const tui = start('run scenarios/demo.yaml --ask-all');
    await tui.waitFor((s) => s.includes('One-time password'));
    tui.keys('1', '2', '3', '4', '5', '6', 'Enter');
    const screen = await tui.waitFor((s) => s.includes('ACCEPT') && s.includes('credential') && s.includes('q/Enter quit'));
    // Had anything been taller or wider than the terminal, the header would have scrolled away.
    const rows = screen.split('\n');
    expect(rows[0]).toMatch(/^sps-tui {2}AA /);
    expect(rows.filter((r) => r.trim()).at(-1)).toMatch(/^q\/Enter quit/);
    tui.keys('q');
    expect(await tui.exitCode()).toBe(0);
  });

  it('at a prompt, PgUp pages back through long plugin output and End returns to the newest line', async () => {
    const project = new TempProject();
    project.aaPlugin(
      'chatty',
      'chatty',
      'prints a lot',
      [
        'class Plugin:',
        '    def __init__(self, configuration=""):',
        '        pass',
        '    def authenticate(self, key_value_pairs, **kwargs):',
        '        for i in range(50):',
        '            print("output line %02d" % (i + 1))',
        '        if "otp" not in key_value_pairs:',
        '            return {"verdict": "NEEDINFO", "question": ("otp", "Code: ", True)}',
        '        return {"verdict": "ACCEPT"}',
        '    def authorize(self, **kwargs):',
        '        return {"verdict": "ACCEPT"}',
        '    def session_ended(self, **kwargs):',
        '        pass',
        '',
      ].join('\n'),
    );
    const tui = start(`run ${join(project.dir, 'chatty')}`);
    const newest = await tui.waitFor((s) => s.includes('Code:') && s.includes('output line 50'));
    expect(newest).toMatch(/plugin output \(\d+ earlier\)/);
    tui.keys('PPage');
    const back = await tui.waitFor((s) => s.includes('End: newest'));
    expect(back).not.toContain('output line 50');
    tui.keys('End');
    await tui.waitFor((s) => s.includes('output line 50') && !s.includes('End: newest'));
    tui.keys('C-c');
    expect(await tui.exitCode()).toBe(130);
  });

  it('shows the exchange a call made with its service, and records it with --record', async () => {
    const project = new TempProject();
    cpSync(join(ROOT, 'test/fixtures/plugins/http_mfa'), join(project.dir, 'http_mfa'), { recursive: true });
    cpSync(join(ROOT, 'test/fixtures/http/lib_http.py'), join(project.dir, 'http_mfa/lib_http.py'));
    const service = await startFakeService();
    try {
      project.write('mfa.cfg', `[service]\nurl = ${service.url}\nlibrary = urllib.request\napi_key = ${SERVICE_SECRETS.apiKey}\n`);
      const tui = start(`run ${join(project.dir, 'http_mfa')} --configuration ${join(project.dir, 'mfa.cfg')} --gateway-user alice --record ${join(project.dir, 'rec.yaml')}`);
      await tui.waitFor((s) => s.includes('One-time password'));
      tui.keys(...SERVICE_SECRETS.passcode.split(''), 'Enter');
      const done = await tui.waitFor((s) => s.includes('⇄ POST') && s.includes('ACCEPT'));
      expect(done).toMatch(/⇄ POST http:\/\/127\.0\.0\.1:\d+\/v1\/verify\?user=alice → 200/);
      expect(done).not.toContain(SERVICE_SECRETS.passcode);
      tui.keys('Enter');
      expect(await tui.exitCode()).toBe(0);
      expect(project.read('rec.yaml')).toContain('url: http://127.0.0.1:');
    } finally {
      await service.stop();
    }
  });

  it('play steps through a recording with Space and quits with q', async () => {
    const tui = start('play recordings/scenarios/otp/otp-accepted-for-root.yaml');
    await tui.waitFor((s) => s.includes('Space next') && s.includes('AA authenticate'));
    expect(tui.screen()).not.toContain('AA authorize');
    for (let i = 0; i < 6; i++) tui.keys('Space');
    const screen = await tui.waitFor((s) => s.includes('AA authorize'));
    expect(screen).toContain('otp = ********');
    // A recording keeps no durations, so none is shown (not "0 ms").
    expect(screen).not.toMatch(/\d ms/);
    tui.keys('q');
    expect(await tui.exitCode()).toBe(0);
  });

  it('demo wraps its captions at a narrow terminal, keeps the last screen until q, and exits by its scenario\'s expectations', async () => {
    const tui = start('demo scenarios/otp.yaml --name "wrong OTP three times" --speed 0', { columns: 40, rows: 40 });
    const done = await tui.waitFor((s) => s.includes('q/Enter quit'));
    // The last caption is 56 characters long: cut at 40 columns, its end would be lost.
    expect(done.replace(/\s+/g, ' ')).toContain('That is the whole session, as SPS would have played it.');
    expect(done).toContain('DENY');
    tui.keys('q');
    expect(await tui.exitCode()).toBe(0);
  });

  it('init asks at a terminal for what its flags leave out', async () => {
    const project = new TempProject();
    const folder = join(project.dir, 'vault-cs');
    const tui = start(`init ${folder}`);
    await tui.waitFor((s) => s.includes('Plugin type, aa or credentialstore?'));
    tui.keys('credentialstore', 'Enter');
    await tui.waitFor((s) => s.includes('Plugin SDK?'));
    tui.keys('n', 'Enter');
    await tui.waitFor((s) => s.includes('created vault_cs, a credential store plugin'));
    expect(await tui.exitCode()).toBe(0);
    expect(project.read('vault-cs/MANIFEST')).toContain('type: credentialstore');
  });
});
