/** The credential trial: SPS tries each credential on the target server, in order, until one works. */
import { createHash } from 'node:crypto';
import type { CredentialKind, CredentialTrialEvent, Target } from '../protocol/session.js';
import type { PrivateKey } from './results.js';

export const fingerprint = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

const KEY_TYPES = ['ssh-rsa', 'ssh-dss'];
const PEM_LABELS = ['RSA PRIVATE KEY', 'DSA PRIVATE KEY', 'PRIVATE KEY'];

/** Why SPS could not use this key, or undefined when it is a PEM private key it accepts. */
export function privateKeyProblem(key: PrivateKey): string | undefined {
  if (!KEY_TYPES.includes(key.type)) return `key type ${JSON.stringify(key.type)} is not one of ${KEY_TYPES.join(', ')}`;
  const lines = key.pem.trim().split(/\r?\n/);
  const begin = /^-----BEGIN (.+)-----$/.exec(lines[0] ?? '');
  const end = /^-----END (.+)-----$/.exec(lines.at(-1) ?? '');
  if (!begin || !end || begin[1] !== end[1]) return 'not a PEM block with BEGIN and END lines';
  if (!PEM_LABELS.includes(begin[1]!)) return `a PEM "${begin[1]}" is not a PKCS#1 or PKCS#8 private key`;
  const body = lines.slice(1, -1).filter((line) => !/^[A-Za-z-]+: /.test(line) && line !== '');
  const badLine = body.findIndex((line, i) => !/^[A-Za-z0-9+/=]+$/.test(line) || (i < body.length - 1 ? line.length !== 64 : line.length > 64));
  if (body.length === 0 || badLine !== -1) return 'base64 lines must be 64 characters (the last may be shorter)';
  return undefined;
}

/** A scenario without a list for this kind describes a target that takes the first usable credential. */
function accepts(list: string[] | undefined, credential: string, same = (a: string, b: string) => a === b): boolean {
  return list === undefined || list.some((item) => same(item, credential) || item === fingerprint(credential));
}

const samePem = (a: string, b: string): boolean => a.trim() === b.trim();

/** The trial events for a list of credentials; stops at the first the target accepts. */
export function tryCredentials(
  kind: CredentialKind,
  credentials: Array<string | PrivateKey>,
  target: Target,
): CredentialTrialEvent[] {
  const trials: CredentialTrialEvent[] = [];
  for (const [index, credential] of credentials.entries()) {
    if (typeof credential === 'string') {
      const accepted = accepts(target.passwords, credential);
      trials.push({ type: 'credential-trial', kind, index, credential, accepted });
    } else {
      const usable = privateKeyProblem(credential) === undefined;
      const accepted = usable && accepts(target.private_keys, credential.pem, samePem);
      trials.push({ type: 'credential-trial', kind, index, credential: credential.pem, keyType: credential.type, accepted });
    }
    if (trials.at(-1)!.accepted) break;
  }
  return trials;
}
