import { describe, expect, it } from 'vitest';
import { parseAaResult, parseCredentials, parseQuestion } from '../../src/engine/results.js';

describe('reading an AA verdict as SPS reads it', () => {
  it.each([
    [null, null],
    [{ verdict: 'ACCEPT' }, 'ACCEPT'],
    [{ verdict: 'DENY' }, 'DENY'],
    [{ verdict: 'NONE' }, 'NONE'],
    [{}, null],
  ])('%j gives verdict %j', (value, verdict) => {
    const parsed = parseAaResult('authenticate', value);
    expect(parsed).toMatchObject({ ok: true, value: { verdict } });
  });

  it('names the hook and the value of an unknown verdict', () => {
    expect(parseAaResult('authorize', { verdict: 'accept' })).toEqual({
      ok: false,
      message: 'authorize returned verdict "accept": expected one of ACCEPT, DENY, NEEDINFO, NONE',
    });
  });

  it('refuses a NEEDINFO without a question', () => {
    const parsed = parseAaResult('authenticate', { verdict: 'NEEDINFO' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain('a NEEDINFO verdict needs a question');
  });

  it.each([
    [['otp', 'Code: '], { key: 'otp', prompt: 'Code: ', echo: true }],
    [['otp', 'Code: ', true], { key: 'otp', prompt: 'Code: ', echo: false }],
    [['otp', 'Code: ', 0], { key: 'otp', prompt: 'Code: ', echo: true }],
    [{ key: 'otp', prompt: 'Code: ', disable_echo: true }, { key: 'otp', prompt: 'Code: ', echo: false }],
  ])('question %j reads as %j', (raw, question) => {
    expect(parseQuestion('authenticate', raw)).toEqual({ ok: true, value: question });
  });

  it.each([[['otp']], [['otp', 'a', true, 'extra']], [[1, 'Code']], ['otp'], [['', 'Code']]])('refuses question %j', (raw) => {
    expect(parseQuestion('authenticate', raw).ok).toBe(false);
  });

  it('takes gateway_user only together with gateway_groups', () => {
    expect(parseAaResult('authenticate', { verdict: 'ACCEPT', gateway_user: 'bob' })).toEqual({ ok: true, value: { verdict: 'ACCEPT' } });
    expect(parseAaResult('authenticate', { verdict: 'ACCEPT', gateway_user: 'bob', gateway_groups: ['a'] })).toMatchObject({
      value: { gateway_user: 'bob', gateway_groups: ['a'] },
    });
  });

  it('refuses a cookie that is not a dict', () => {
    expect(parseAaResult('authenticate', { verdict: 'ACCEPT', cookie: [1] }).ok).toBe(false);
  });
});

describe('reading credential lists', () => {
  it('reads passwords and key pairs', () => {
    expect(parseCredentials('get_password_list', { passwords: ['a', 'b'] })).toMatchObject({ ok: true, value: { passwords: ['a', 'b'] } });
    expect(parseCredentials('get_private_key_list', { private_keys: [['ssh-rsa', 'PEM']] })).toMatchObject({
      ok: true,
      value: { privateKeys: [{ type: 'ssh-rsa', pem: 'PEM' }] },
    });
  });

  it('refuses a list of the wrong shape', () => {
    expect(parseCredentials('get_password_list', { passwords: 'secret' }).ok).toBe(false);
    expect(parseCredentials('get_private_key_list', { private_keys: [['ssh-rsa']] }).ok).toBe(false);
  });
});
