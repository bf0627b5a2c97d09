import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { renderApp } from './app.js';
import { accept, answeredOtp, call, PASSWORDS, SECRET, view, withCredentialStore } from './fixtures.js';
import { frameOf } from './ink.js';

afterEach(cleanup);

const outcomeSection = (frame: string) => frame.slice(frame.indexOf('── outcome'));

describe('summary', () => {
  it('ACCEPT: verdicts, gateway user and groups, session_ended called', async () => {
    const frame = outcomeSection(frameOf(await renderApp(answeredOtp(accept))));
    expect(frame).toContain('ACCEPT  (authenticate ACCEPT, authorize ACCEPT)');
    expect(frame).toContain('gateway user: alice  groups: admins, ops');
    expect(frame).toContain('session_ended: AA called');
  });

  it('DENY: the reason SPS shows the user', async () => {
    const deny = { verdict: 'DENY', authenticate: 'DENY', reason: 'wrong one-time password', gateway_user: null, gateway_groups: null } as const;
    const frame = outcomeSection(frameOf(await renderApp(answeredOtp(deny))));
    expect(frame).toContain('DENY  (authenticate DENY)');
    expect(frame).toContain('gateway user: (none)');
    expect(frame).toContain('reason: wrong one-time password');
  });

  it('ERROR: the error and the end of the traceback', async () => {
    const traceback = ['Traceback (most recent call last):', '  File "main.py", line 9, in authenticate', '    raise KeyError(otp)', `KeyError: '${SECRET}'`].join('\n');
    const error = { verdict: 'ERROR', gateway_user: null, gateway_groups: null, error: { plugin: 'aa', hook: 'authenticate', kind: 'exception', message: `KeyError: '${SECRET}'`, traceback } } as const;
    const frame = outcomeSection(frameOf(await renderApp(answeredOtp(error))));
    expect(frame).toContain('ERROR');
    expect(frame).toContain("AA authenticate exception: KeyError: '********'");
    expect(frame).toContain('File "main.py", line 9, in authenticate');
    expect(frame).toContain("KeyError: '********'");
    expect(frame).not.toContain(SECRET);
  });

  it('ABORTED', async () => {
    const aborted = { verdict: 'ABORTED', gateway_user: null, gateway_groups: null, error: { plugin: null, hook: null, kind: 'aborted', message: 'interrupted by Ctrl-C' } } as const;
    const frame = outcomeSection(frameOf(await renderApp(answeredOtp(aborted))));
    expect(frame).toContain('ABORTED');
    expect(frame).toContain('aborted: interrupted by Ctrl-C');
  });

  it('the credential the target accepted, masked, and session_ended for both plugins', async () => {
    const frame = outcomeSection(frameOf(await renderApp(withCredentialStore())));
    expect(frame).toContain('accepted: password #2 ********');
    expect(frame).toContain('session_ended: AA called, CS NOT called');
    for (const password of PASSWORDS) expect(frameOf(await renderApp(withCredentialStore()))).not.toContain(password);
  });

  it('counts session_ended calls per plugin', async () => {
    const twice = view({
      status: 'done',
      transcript: [call('session_ended'), call('session_ended')],
      outcome: accept,
    });
    expect(outcomeSection(frameOf(await renderApp(twice)))).toContain('session_ended: AA called 2×');
  });
});
