/** What is missing is named: the log text not found, the answer key nobody asked for, the scenario not found. */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';

describe('naming what is missing', () => {
  const project = new TempProject();
  project.plugin('ticket-aa');
  project.plugin('otp-aa');
  project.write(
    'scenarios.yaml',
    [
      'name: a misspelt answer key',
      'plugin: ticket-aa',
      'connection: {server_username: root, server_ip: 10.10.20.30}',
      'answers:',
      '  tikcet: T-100',
      'expect: {verdict: ACCEPT}',
      '---',
      'name: a log line that is not there',
      'plugin: otp-aa',
      'connection: {server_username: root, gateway_user: alice}',
      'answers: {otp: "123456"}',
      'expect:',
      '  verdict: ACCEPT',
      '  logs: {contain: ["one-time password accepted", "no such line here"], not_contain: ["authorizing alice"]}',
      '',
    ].join('\n'),
  );

  it('test names the text not found, the text found, and the key an answer was probably meant for', async () => {
    const result = await cli(['test', 'scenarios.yaml', '--recordings', 'none'], { cwd: project.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('warning: scenarios.yaml:5: answers.tikcet: no question asked for tikcet (did you mean ticket?)');
    expect(result.stdout).toContain('answers: unanswered question ticket');
    expect(result.stdout).toContain('expect.logs.contain: no log line contains "no such line here"  (scenarios.yaml:14)');
    expect(result.stdout).not.toContain('no log line contains "one-time password accepted"');
    expect(result.stdout).toContain('expect.logs.not_contain: a log line contains "authorizing alice": authorizing alice as root');
  });

  it('run --name takes a part of the name as --filter does, and suggests the nearest names when nothing matches', async () => {
    const partial = await cli(['run', 'scenarios.yaml', '--name', 'log line', '--plain'], { cwd: project.dir });
    expect(partial.stdout).toContain('authorizing alice as root');
    expect(partial.code).toBe(0);

    const typo = await cli(['run', 'scenarios.yaml', '--name', 'a misspelt answer kye', '--plain'], { cwd: project.dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('sps-tui: scenarios.yaml has no scenario named like "a misspelt answer kye"\n  did you mean "a misspelt answer key"?');

    const both = await cli(['run', 'scenarios.yaml', '--name', 'a ', '--plain'], { cwd: project.dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('2 scenarios are named like "a "');
  });
});
