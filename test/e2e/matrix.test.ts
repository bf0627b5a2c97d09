/** Scenario matrices: one case per combination, named by its values, each with its own recording. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario/parse.js';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

const SCENARIO = `name: token \${try.token} over \${protocol}
plugin: otp-aa
matrix:
  protocol: [ssh, rdp]
  try:
    - {token: "123456", verdict: ACCEPT}
    - {token: "000000", verdict: DENY}
connection: {protocol: "\${protocol}", server_username: root, gateway_user: alice}
answers: {otp: ["\${try.token}", "\${try.token}", "\${try.token}"]}
expect:
  verdict: "\${try.verdict}"
---
name: key-value pairs
plugin: otp-aa
matrix:
  kv: [{otp: "123456"}, {otp: "123456", gu: bob}]
connection: {key_value_pairs: "\${kv}", server_username: root}
expect: {verdict: ACCEPT}
`;

describe('a scenario matrix', () => {
  it('expands into one case per combination, whole values where a string is only ${name}, fields with ${name.field}', () => {
    const scenarios = parseScenarioText('/tmp/matrix.yaml', SCENARIO);
    expect(scenarios.map((s) => s.name)).toEqual([
      'token 123456 over ssh',
      'token 000000 over ssh',
      'token 123456 over rdp',
      'token 000000 over rdp',
      'key-value pairs [kv={"otp":"123456"}]',
      'key-value pairs [kv={"otp":"123456","gu":"bob"}]',
    ]);
    expect(scenarios[2]!.connection.protocol).toBe('rdp');
    expect(scenarios[1]!.expect.verdict).toBe('DENY');
    expect(scenarios[5]!.connection.key_value_pairs).toEqual({ otp: '123456', gu: 'bob' });
    expect(scenarios[3]!.matrix).toEqual({ protocol: 'rdp', try: { token: '000000', verdict: 'DENY' } });
  });

  it('is refused with its line when it is not a map of lists, or names two cases alike', () => {
    expect(() => parseScenarioText('m.yaml', 'name: x\nplugin: p\nmatrix: {protocol: ssh}\n')).toThrow(/m\.yaml:3: matrix\.protocol: /);
    expect(() => parseScenarioText('m.yaml', 'name: same\nplugin: p\nmatrix: {a: [1, 2]}\nconnection: {server_port: "${a}"}\n')).not.toThrow();
    expect(() => parseScenarioText('m.yaml', 'name: same ${a}\nplugin: p\nmatrix: {a: [1, 2], b: [x, y]}\n')).toThrow(/two scenarios are named "same 1"/);
  });

  it('test runs, reports and records each case under its own name; --filter sees the names', async () => {
    const project = new TempProject();
    project.plugin('otp-aa');
    project.write('scenarios.yaml', SCENARIO);
    const result = await cli(['test', 'scenarios.yaml', '--reporter', 'junit=junit.xml'], { cwd: project.dir });
    expect(result.stdout).toContain('6 passed, 0 failed');
    expect(project.read('junit.xml')).toContain('name="token 000000 over rdp"');
    expect(readdirSync(join(project.dir, 'recordings/scenarios')).sort()).toHaveLength(6);
    const filtered = await cli(['test', 'scenarios.yaml', '--filter', 'over rdp'], { cwd: project.dir });
    expect(filtered.stdout).toContain('2 passed, 0 failed');
  });
});
