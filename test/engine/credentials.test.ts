import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, privateKeyProblem, tryCredentials } from '../../src/engine/credentials.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const certificateLike = pkcs1.replaceAll('RSA PRIVATE KEY', 'CERTIFICATE');

describe('the credential trial', () => {
  it('tries passwords in order and stops at the first the target accepts', () => {
    const trials = tryCredentials('password', ['old', 'new', 'unused'], { passwords: ['new'] });
    expect(trials.map((t) => [t.index, t.accepted])).toEqual([[0, false], [1, true]]);
  });

  it('accepts a password given as a sha256 fingerprint', () => {
    expect(tryCredentials('password', ['s3cret'], { passwords: [fingerprint('s3cret')] })[0]!.accepted).toBe(true);
  });

  it('with no list for the kind, the first credential is accepted', () => {
    expect(tryCredentials('password', ['x', 'y'], {})).toHaveLength(1);
  });

  it('accepts PKCS#1 and PKCS#8 keys and refuses certificates and bad types', () => {
    expect(privateKeyProblem({ type: 'ssh-rsa', pem: pkcs1 })).toBeUndefined();
    expect(privateKeyProblem({ type: 'ssh-rsa', pem: pkcs8 })).toBeUndefined();
    expect(privateKeyProblem({ type: 'ssh-rsa', pem: certificateLike })).toContain('CERTIFICATE');
    expect(privateKeyProblem({ type: 'ssh-ed25519', pem: pkcs1 })).toContain('key type');
    const longLines = pkcs1.split('\n').slice(1, -2).join('');
    expect(privateKeyProblem({ type: 'ssh-rsa', pem: `-----BEGIN RSA PRIVATE KEY-----\n${longLines}\n-----END RSA PRIVATE KEY-----` })).toContain('64');
  });

  it('never accepts an unusable key even when the target takes anything', () => {
    const trials = tryCredentials('private_key', [{ type: 'ssh-rsa', pem: 'not a key' }, { type: 'ssh-rsa', pem: pkcs1 }], {});
    expect(trials.map((t) => t.accepted)).toEqual([false, true]);
  });
});
