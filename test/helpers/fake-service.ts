/** The fake MFA service and vault of test/fixtures/http, over HTTP or HTTPS, on a free local port. */
import { execa, type ResultPromise } from 'execa';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export const SERVICE_SECRETS = {
  passcode: '428913',
  apiKey: 'key-abc-123-mfa',
  vaultToken: 'hvs.vault-token-0042',
  vaultPassword: 'Qx7Lm2Pz9Rt4Wv8N!',
  sessionToken: 'st-alice-77af01',
  gatewayPassword: 'gw-pass-991',
};

export interface FakeService {
  url: string;
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl into `dir`. */
export function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  return { cert, key };
}

export async function startFakeService(tls?: { cert: string; key: string }): Promise<FakeService> {
  const child: ResultPromise = execa('python3', [join(ROOT, 'test/fixtures/http/service.py'), ...(tls ? [tls.cert, tls.key] : [])], { reject: false, buffer: false });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', () => reject(new Error('the fake service did not start')));
  });
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    stop: async () => {
      child.kill();
      await child;
    },
  };
}
