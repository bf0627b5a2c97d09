/** What is secret in a session, and masking it wherever it shows. */
import { describe, expect, it } from 'vitest';
import { MASK, redactText, redactView } from '../../src/engine/secrets.js';
import { accept, answeredOtp, askingOtp, connection, PASSWORDS, SECRET, view, withCredentialStore } from '../ui/fixtures.js';

const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAw1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZ0123456789ab', 'cdefABCDEF==', '-----END RSA PRIVATE KEY-----'].join('\n');

describe('redactText', () => {
  it('replaces every occurrence, the longest secret first, and ignores empty secrets', () => {
    expect(redactText('a=abcd b=abc', ['abc', 'abcd', ''].sort((x, y) => y.length - x.length))).toBe(`a=${MASK} b=${MASK}`);
  });
});

describe('redactView', () => {
  it('removes an echo-off answer from every string of the view, however deep', () => {
    const raw = answeredOtp(accept);
    raw.transcript.push({ type: 'hook-call', plugin: 'aa', hook: 'authorize', args: { key_value_pairs: { otp: SECRET }, nested: [{ x: `pre${SECRET}post` }] } });
    const safe = redactView(raw, true);
    expect(JSON.stringify(safe)).not.toContain(SECRET);
    expect(safe.transcript.find((e) => e.type === 'answer')).toMatchObject({ value: MASK, echo: false });
    // The raw view is not touched: the engine still holds the real answer.
    expect(JSON.stringify(raw)).toContain(SECRET);
  });

  it('masks echo-off keys in key_value_pairs even when their value is not a known answer', () => {
    const raw = askingOtp();
    raw.key_value_pairs = { otp: '', gu: 'alice' };
    expect(redactView(raw, true).key_value_pairs).toEqual({ otp: MASK, gu: 'alice' });
  });

  it('keeps echo-on answers', () => {
    const raw = view({ transcript: [{ type: 'answer', key: 'gu', value: 'alice', echo: true }] });
    expect(redactView(raw, false).transcript[0]).toMatchObject({ value: 'alice' });
  });

  it('hides the gateway password wherever it appears', () => {
    const raw = view({ connection: connection({ gateway_password: 'gw-pass-1234' }), session_cookie: { pw: 'gw-pass-1234' } });
    const safe = redactView(raw, true);
    expect(safe.connection.gateway_password).toBe(MASK);
    expect(JSON.stringify(safe)).not.toContain('gw-pass-1234');
  });

  it('hides returned passwords unless revealed', () => {
    expect(JSON.stringify(redactView(withCredentialStore(), false))).not.toMatch(new RegExp(PASSWORDS.join('|')));
    const shown = JSON.stringify(redactView(withCredentialStore(), true));
    for (const password of PASSWORDS) expect(shown).toContain(password);
  });

  it('hides returned private keys, whole and line by line, unless revealed', () => {
    const raw = view({
      transcript: [
        { type: 'hook-result', plugin: 'credentialstore', hook: 'get_private_key_list', value: { private_keys: [['ssh-rsa', PEM]] }, logs: [{ stream: 'stdout', text: PEM.split('\n')[1]! }], durationMs: 1 },
        { type: 'credential-trial', kind: 'private_key', index: 0, credential: PEM, keyType: 'ssh-rsa', accepted: true },
      ],
    });
    const safe = redactView(raw, false);
    expect(JSON.stringify(safe)).not.toContain('MIIEowIBAAKCAQEA');
    expect(safe.transcript[0]).toMatchObject({ value: { private_keys: [['ssh-rsa', MASK]] } });
    expect(safe.transcript[1]).toMatchObject({ credential: MASK, keyType: 'ssh-rsa' });
    expect(JSON.stringify(redactView(raw, true))).toContain('MIIEowIBAAKCAQEA');
  });

  it('redacts the outcome without touching the verdict the UI colours by', () => {
    const safe = redactView(answeredOtp({ ...accept, verdict: 'DENY', reason: `bad ${SECRET}` }), false);
    expect(safe.outcome).toMatchObject({ verdict: 'DENY', reason: `bad ${MASK}` });
  });

  it('drops fields it does not know, so a new SessionView field cannot carry a secret past it', () => {
    const raw = { ...answeredOtp(accept), debugDump: { otp: SECRET } } as ReturnType<typeof view>;
    expect(JSON.stringify(redactView(raw, true))).not.toContain(SECRET);
  });
});
