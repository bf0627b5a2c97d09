import { describe, expect, it } from 'vitest';
import { parseUsername } from '../../src/scenario/connection.js';
import { parseScenarioText } from '../../src/scenario/parse.js';

describe('scenario files', () => {
  it('applies connection defaults and keeps unknown values None', () => {
    const [s] = parseScenarioText('x.yaml', 'name: a\nplugin: p\n');
    expect(s!.connection).toMatchObject({ protocol: 'ssh', session_id: 'ssh-example-1', server_port: 22, gateway_user: null, gateway_groups: null });
  });

  it('reads several scenarios from one file, each with its starting line', () => {
    const scenarios = parseScenarioText('x.yaml', 'name: a\nplugin: p\n---\nname: b\nplugin: p\n');
    expect(scenarios.map((s) => [s.name, s.line, s.index])).toEqual([['a', 1, 0], ['b', 4, 1]]);
  });

  it('says a required key is missing, and a key of the wrong type has the wrong type', () => {
    expect(() => parseScenarioText('s.yaml', 'plugin: p\n')).toThrow('s.yaml:1: name: missing (string expected)');
    expect(() => parseScenarioText('s.yaml', 'name: [a]\nplugin: p\n')).toThrow(/^s\.yaml:1: name: (?!missing)/);
  });

  it('names the file, line and field of an unknown key', () => {
    expect(() => parseScenarioText('x.yaml', 'name: a\nplugin: p\nconnection:\n  protocol: ssh\n  gatway_user: bob\n')).toThrow(
      'x.yaml:5: connection.gatway_user: unknown key "gatway_user"',
    );
  });

  it('lists every problem of a scenario at once, each on its own line, in file order', () => {
    const text = 'name: a\nplugin: p\nanswrs: {}\nconnection:\n  server_port: "22"\n  protocl: ssh\n';
    expect(() => parseScenarioText('x.yaml', text)).toThrow(
      /^x\.yaml:3: answrs: unknown key "answrs"\nx\.yaml:5: connection\.server_port: [^\n]+\nx\.yaml:6: connection\.protocl: unknown key "protocl"$/,
    );
  });

  it('names the file, line and field of a value of the wrong type', () => {
    expect(() => parseScenarioText('x.yaml', 'name: a\nplugin: p\nconnection:\n  server_port: "22"\n')).toThrow(/^x\.yaml:4: connection\.server_port: /);
  });

  it('names a missing required field', () => {
    expect(() => parseScenarioText('x.yaml', 'name: a\n')).toThrow(/^x\.yaml:1: plugin: missing \(string expected\)$/);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parseScenarioText('x.yaml', 'name: a\nplugin: [p\n')).toThrow(/^x\.yaml:\d+: not valid YAML/);
  });

  it('reads key-value pairs from an SSH user name', () => {
    const [s] = parseScenarioText('x.yaml', 'name: a\nplugin: p\nconnection:\n  username: otp=123456@gu=alice@root\n');
    expect(s!.connection.key_value_pairs).toEqual({ otp: '123456', gu: 'alice' });
    expect(s!.connection.server_username).toBe('root');
  });
});

describe('user names as SPS users type them', () => {
  it('reads RDP user names with % ~ and ^', () => {
    expect(parseUsername('rdp', 'DOMAIN\\gu~alice%url~https^//x%Administrator')).toEqual({
      server_username: 'Administrator',
      server_domain: 'DOMAIN',
      key_value_pairs: { gu: 'alice', url: 'https://x' },
    });
  });

  it('keeps a plain SSH user name as it is', () => {
    expect(parseUsername('ssh', 'root')).toEqual({ server_username: 'root', key_value_pairs: {} });
  });
});
