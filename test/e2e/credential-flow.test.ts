/**
 * What SPS does around the credential store: the server-side password fallback, both kinds of
 * credential for one SSH target, the refusal of every credential, and a store tested on its own.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURE_PLUGINS } from '../helpers/host.js';
import { TempProject } from '../helpers/project.js';

const project = new TempProject();
cpSync(join(FIXTURE_PLUGINS, 'vault_cs'), join(project.dir, 'vault_cs'), { recursive: true });
project.plugin('otp-aa');
const TYPED = 'typed-by-hand-9';
const scenario = (name: string, body: string, typed?: string): string =>
  `name: ${name}\nplugin: otp-aa\nconnection: {server_username: nobody, gateway_user: alice}\nanswers: {otp: "123456"${typed ? `, server_password: ${typed}` : ''}}\n${body}`;
project.write(
  'flow.yaml',
  [
    scenario('the store has no password, the user types the right one', `credential_store: {plugin: vault_cs}\ntarget: {passwords: [${TYPED}]}\nexpect: {verdict: ACCEPT, credential: {kind: prompted}, logs: {contain: [authentication completed]}}\n`, TYPED),
    scenario('the store has no password, the typed one is wrong', `credential_store: {plugin: vault_cs}\ntarget: {passwords: [${TYPED}]}\nexpect: {verdict: ERROR, error: target refused the server password the user typed, logs: {not_contain: [authentication completed], contain: [session ended]}}\n`, 'wrong-one'),
    scenario('the fallback turned off', `credential_store: {plugin: vault_cs}\npassword_fallback: none\nexpect: {verdict: ERROR, error: the credential store returned no passwords (the password fallback is off)}\n`),
  ].join('---\n'),
);
project.write(
  'ssh.yaml',
  [
    'name: keys first, then passwords\nplugin: otp-aa\nconnection: {server_username: root, gateway_user: alice}\nanswers: {otp: "123456"}\ncredential_store: {plugin: vault_cs}\n' +
      'target: {methods: [password, publickey], private_keys: ["sha256:0000"], passwords: [second-pass]}\nexpect: {verdict: ACCEPT, credential: {kind: password, index: 1}}\n',
    'name: a key that works stops there\nplugin: otp-aa\nconnection: {server_username: root, gateway_user: alice}\nanswers: {otp: "123456"}\ncredential_store: {plugin: vault_cs}\n' +
      'target: {methods: [publickey, password]}\nexpect: {verdict: ACCEPT, credential: {kind: private_key, index: 0}}\n',
    'name: every credential refused\nplugin: otp-aa\nconnection: {server_username: root, gateway_user: alice}\nanswers: {otp: "123456"}\ncredential_store: {plugin: vault_cs}\n' +
      'target: {methods: [publickey, password, keyboard-interactive], private_keys: ["sha256:0000"], passwords: [nope]}\nexpect: {verdict: ERROR, error: "target refused the one private key, and target refused all 2 passwords"}\n',
    'name: the store on its own, keys\nplugin: vault_cs\ncredentials: private_key\nconnection: {server_username: root}\nexpect: {verdict: ACCEPT, credential: {kind: private_key, index: 0}, session_ended: 1}\n',
    'name: RDP with NLA asks the password first\nplugin: otp-aa\nconnection: {protocol: rdp, server_username: nobody, gateway_user: alice}\ncredential_store: {plugin: vault_cs}\n' +
      `answers: {otp: "123456", server_password: ${TYPED}}\nexpect: {verdict: ACCEPT, credential: {kind: prompted}, questions: [{key: server_password, echo: false}, {key: otp}]}\n`,
  ].join('---\n'),
);

const hookOrder = (recording: string): string[] => [...recording.matchAll(/^ {2}- call: (\S+)$/gm)].map((m) => m[1]!);

describe('the credential flow around the plugin', () => {
  it('falls back to the server password when the store has none, masked and never written, and follows SPS on a wrong one or when it is off', async () => {
    const result = await cli(['test', 'flow.yaml'], { cwd: project.dir });
    expect(result.stdout).toContain('3 passed, 0 failed');
    expect(result.code).toBe(0);
    const accepted = project.read('recordings/flow/the-store-has-no-password-the-user-types-the-right-one.yaml');
    expect(accepted).not.toContain(TYPED);
    expect(accepted).toContain('value: <secret:server_password>');
    expect(hookOrder(accepted)).toEqual(['aa.authenticate', 'aa.authenticate', 'aa.authorize', 'credentialstore.get_password_list', 'credentialstore.authentication_completed', 'aa.session_ended', 'credentialstore.session_ended']);
    // The recording replays with the typed password taken from the scenario.
    const replayed = await cli(['replay', 'recordings/flow'], { cwd: project.dir });
    expect(replayed.stdout).toContain('3 passed, 0 failed');
  });

  it('asks an SSH target for keys before passwords, stops at the first accepted, and says in words when all were refused', async () => {
    const result = await cli(['test', 'ssh.yaml'], { cwd: project.dir });
    expect(result.stdout).toContain('5 passed, 0 failed');
    expect(result.stdout).toContain('SPS does not support keyboard-interactive authentication with credential stores');
    expect(hookOrder(project.read('recordings/ssh/keys-first-then-passwords.yaml'))).toEqual([
      'aa.authenticate', 'aa.authenticate', 'aa.authorize', 'credentialstore.get_private_key_list', 'credentialstore.get_password_list',
      'credentialstore.authentication_completed', 'aa.session_ended', 'credentialstore.session_ended',
    ]);
    expect(hookOrder(project.read('recordings/ssh/a-key-that-works-stops-there.yaml'))).not.toContain('credentialstore.get_password_list');
    expect(hookOrder(project.read('recordings/ssh/every-credential-refused.yaml'))).not.toContain('credentialstore.authentication_completed');
    const nla = project.read('recordings/ssh/rdp-with-nla-asks-the-password-first.yaml');
    expect(nla.indexOf('key: server_password')).toBeLessThan(nla.indexOf('call: aa.authenticate'));
  });

  it('run reads the server password like any echo-off answer and never echoes it; a store runs alone with --credentials private_key', async () => {
    const typed = await cli(['run', 'otp-aa', '--credential-store', 'vault_cs', '--gateway-user', 'alice', '--server-username', 'nobody', '--target-password', TYPED], {
      cwd: project.dir,
      input: `123456\n${TYPED}\n`,
    });
    expect(typed.stdout).toContain('? Password for nobody@5.6.7.8: ');
    expect(typed.stdout).toContain('the typed password: accepted by the target');
    expect(typed.stdout).toContain('answer server_password: ********');
    expect(typed.stdout).not.toContain(TYPED);
    expect(typed.code).toBe(0);

    const alone = await cli(['run', 'vault_cs', '--credentials', 'private_key', '--server-username', 'root', '--plain'], { cwd: project.dir });
    expect(alone.stdout).toContain('← get_private_key_list');
    expect(alone.stdout).toContain('= ACCEPT');
    expect(alone.code).toBe(0);

    // The fixture's key for root, as its main.py builds it: the target accepts that one only.
    const body = Buffer.from('key of root-key '.repeat(20)).toString('base64');
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END RSA PRIVATE KEY-----\n`;
    project.write('root.pem', pem);
    project.write('other.pem', pem.replace('a2V5', 'b2V5'));
    const keyed = (file: string) => cli(['run', 'vault_cs', '--credentials', 'private_key', '--server-username', 'root', '--target-private-key', file, '--plain'], { cwd: project.dir });
    expect((await keyed('root.pem')).code).toBe(0);
    const refused = await keyed('other.pem');
    expect(refused.stdout).toContain('target refused the one private key');
    expect(refused.code).toBe(1);
  });
});

describe('a scenario with two credential stores', () => {
  it('is bad input: exit 2 naming the file, line and field, in test and run alike', async () => {
    project.write('two.yaml', 'name: two stores\nplugin: vault_cs\ncredential_store:\n  plugin: vault_cs\n');
    for (const args of [['test', 'two.yaml'], ['run', 'two.yaml', '--plain']]) {
      const result = await cli(args, { cwd: project.dir });
      expect(result.code).toBe(2);
      expect(`${result.stdout}${result.stderr}`).toContain('two.yaml:3: credential_store: plugin: is a credential store already, and a session has one credential store');
      expect(result.stderr).not.toContain('bug in sps-tui');
    }
  });
});
