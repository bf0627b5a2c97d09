/**
 * SDK plugins that call REST services (an MFA check, a vault lookup) record once against a local
 * HTTPS service, then pass in CI with the service down and no secret given for what it returned.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { SERVICE_SECRETS as S, selfSignedCertificate, startFakeService } from '../helpers/fake-service.js';
import { TempProject } from '../helpers/project.js';

let python = '';
const project = new TempProject();

beforeAll(async () => {
  python = execFileSync('bash', [join(ROOT, 'scripts/sdk-venv.sh')], { encoding: 'utf8', timeout: 280_000 }).trim().split('\n').at(-1)!;
  for (const name of ['sdk_rest_mfa', 'sdk_rest_vault']) cpSync(join(ROOT, 'test/fixtures/plugins', name), join(project.dir, name), { recursive: true });
  const tls = selfSignedCertificate(project.dir);
  const service = await startFakeService(tls);
  project.write(
    'scenarios.yaml',
    `name: sdk mfa over https, then a password from the vault
plugin: ./sdk_rest_mfa
configuration: |
  [service]
  url = ${service.url}
  ca = ${tls.cert}
  api_key = ${S.apiKey}
credential_store:
  plugin: ./sdk_rest_vault
  configuration: |
    [vault]
    url = ${service.url}
    ca = ${tls.cert}
    token = ${S.vaultToken}
connection: {gateway_user: alice, server_username: root, gateway_password: ${S.gatewayPassword}}
answers: {otp: "${S.passcode}"}
target: {passwords: ["${S.vaultPassword}"]}
expect: {verdict: ACCEPT, credential: {kind: password, index: 0}}
`,
  );
  const recorded = await cli(['test', 'scenarios.yaml', '--python', python], { cwd: project.dir });
  await service.stop();
  expect(recorded.code, recorded.stdout + recorded.stderr).toBe(0);
}, 300_000);

describe('SDK plugins that call REST services', () => {
  it('pass under CI with the service down, no SPS_TUI_SECRET_* set, and no secret in the recording', async () => {
    const env = { CI: 'true' };
    const tested = await cli(['test', 'scenarios.yaml', '--python', python], { cwd: project.dir, env });
    expect(tested.code, tested.stdout).toBe(0);
    const replayed = await cli(['replay', 'recordings', '--python', python], { cwd: project.dir, env });
    expect(replayed.code, replayed.stdout).toBe(0);
    expect(replayed.stdout).toContain('1 passed, 0 failed');
    const [file] = (readdirSync(join(project.dir, 'recordings'), { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml'));
    const text = readFileSync(join(project.dir, 'recordings', file!), 'utf8');
    expect(text).toContain('url: https://127.0.0.1:');
    expect(text).toContain('<served:data.password:');
    for (const [name, secret] of Object.entries(S)) expect(text.includes(secret), name).toBe(false);
  });
});
