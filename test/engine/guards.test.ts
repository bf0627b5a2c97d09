/** Small rules that a one-line slip would break silently: each is pinned here. */
import { describe, expect, it } from 'vitest';
import { isCI } from '../../src/ci.js';
import { secretsOf } from '../../src/engine/secrets.js';
import { compareRecordings } from '../../src/record/diff.js';
import type { Recording } from '../../src/record/format.js';
import { connection } from '../ui/fixtures.js';

describe('what is secret', () => {
  it('every password and key a store returns, tried or not', () => {
    const secrets = secretsOf({
      connection: connection(),
      transcript: [
        { type: 'hook-result', plugin: 'credentialstore', hook: 'get_password_list', value: { passwords: ['tried-and-taken', 'never-tried-1', 'never-tried-2'] }, logs: [] },
        { type: 'credential-trial', kind: 'password', index: 0, credential: 'tried-and-taken', accepted: true },
        { type: 'hook-result', plugin: 'credentialstore', hook: 'get_private_key_list', value: { private_keys: [['ssh-rsa', 'PEM OF A KEY NEVER TRIED']] }, logs: [] },
      ],
    });
    expect(secrets.credentials).toEqual(expect.arrayContaining(['tried-and-taken', 'never-tried-1', 'never-tried-2', 'PEM OF A KEY NEVER TRIED']));
  });
});

describe('CI', () => {
  it.each([
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'yes' }, true],
    [{ CI: 'false' }, false],
    [{ CI: '0' }, false],
    [{ CI: '' }, false],
    [{}, false],
  ])('%j is CI: %s', (env, expected) => {
    expect(isCI(env)).toBe(expected);
  });
});

describe('the replay diff', () => {
  const recording = (result: Record<string, unknown>): Recording =>
    ({
      format: 2,
      tool: 't',
      name: 'n',
      plugins: {},
      input: { configuration: {}, connection: {}, target: {}, credentials: 'password' },
      steps: [{ call: 'aa.authenticate', args: {}, result }],
      outcome: { verdict: 'ACCEPT' },
    }) as unknown as Recording;

  it('sees a key the plugin newly returns, not only the recorded keys', () => {
    const differences = compareRecordings(recording({ verdict: 'ACCEPT' }), recording({ verdict: 'ACCEPT', cookie: { new: 1 } }));
    expect(differences).toEqual([expect.objectContaining({ path: 'steps[0].result.cookie', expected: undefined, actual: { new: 1 } })]);
  });

  it('and a key it no longer returns', () => {
    const differences = compareRecordings(recording({ verdict: 'ACCEPT', gateway_user: 'a' }), recording({ verdict: 'ACCEPT' }));
    expect(differences).toEqual([expect.objectContaining({ path: 'steps[0].result.gateway_user', expected: 'a', actual: undefined })]);
  });
});
