/** test --watch and replay --watch in a real terminal: a change reruns what it affects; keys as vitest's. */
import { afterEach, describe, expect, it } from 'vitest';
import { affected, pluginsChanged, type WatchCase } from '../../src/cli/watch/cases.js';
import { BIN } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

describe('what a change affects', () => {
  const kase = (id: string, depends: string[], plugins: string[] = []): WatchCase => ({ id, name: id, depends, plugins, writes: [] });
  const cases = [kase('a', ['/p/a.yaml', '/p/otp'], ['/p/otp']), kase('b', ['/p/b.yaml', '/p/otp.zip'], ['/p/otp.zip']), kase('c', ['/p/a.yaml', '/p/otp-two'], ['/p/otp-two'])];

  it('a file inside a plugin directory, a zip, or a scenario file: the cases that read it, and no neighbour that shares a prefix', () => {
    expect(affected(cases, ['/p/otp/main.py']).map((c) => c.id)).toEqual(['a']);
    expect(affected(cases, ['/p/otp.zip']).map((c) => c.id)).toEqual(['b']);
    expect(affected(cases, ['/p/a.yaml']).map((c) => c.id)).toEqual(['a', 'c']);
    expect(affected(cases, ['/p/unrelated.txt'])).toEqual([]);
    expect(pluginsChanged(cases, ['/p/otp/lib/util.py'])).toBe(true);
    expect(pluginsChanged(cases, ['/p/a.yaml'])).toBe(false);
  });
});

describe.skipIf(!hasTmux)('watch mode in tmux', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.close());

  const OTP = 'name: OTP accepted\nplugin: otp-aa\nconnection: {gateway_user: alice, server_username: root}\nanswers: {otp: "123456"}\nexpect: {verdict: ACCEPT}\n';
  const TICKET = 'name: a ticket\nplugin: ticket-aa\nconnection: {server_username: root, server_ip: 10.10.20.30}\nanswers: {ticket: T-100}\nexpect: {verdict: ACCEPT}\n';

  it('test --watch: an edit of main.py reruns only its scenarios on a new host; u updates their recordings; q quits', async () => {
    const p = new TempProject();
    p.plugin('otp-aa');
    p.plugin('ticket-aa');
    p.write('otp.yaml', OTP);
    p.write('ticket.yaml', TICKET);
    session = new TmuxSession(`node ${BIN} test otp.yaml ticket.yaml --watch`, p.dir, { columns: 150, rows: 50 });
    let screen = await session.waitFor((s) => s.includes('2 passed, 0 failed') && s.includes('watching 2 scenarios'));
    expect(screen).toContain('sps-tui test --watch: all scenarios');

    p.edit('otp-aa/main.py', 'print("authorizing {} as {}"', 'print("now authorizing {} as {}"');
    screen = await session.waitFor((s) => s.includes('0 passed, 1 failed'));
    expect(screen).toContain('sps-tui test --watch: changed: otp-aa/main.py');
    expect(screen).toContain('✗ otp.yaml › OTP accepted');
    // The warm host imported main.py again: the new line is what the plugin printed.
    expect(screen).toContain('[aa authorize] now authorizing alice as root');
    expect(screen).not.toContain('ticket.yaml › a ticket');

    session.keys('u');
    screen = await session.waitFor((s) => s.includes('updated recordings/otp/otp-accepted.yaml') && s.includes('1 passed, 0 failed'));
    expect(screen).toContain('sps-tui test --watch: updating the recordings of the failed');
    expect(p.read('recordings/otp/otp-accepted.yaml')).toContain('now authorizing alice as root');

    // A scenario file's edit reruns its own scenarios.
    p.edit('ticket.yaml', 'name: a ticket', 'name: the ticket');
    screen = await session.waitFor((s) => s.includes('✓ ticket.yaml › the ticket'));
    expect(screen).not.toContain('otp.yaml › OTP accepted');

    session.keys('q');
    expect(await session.exitCode()).toBe(0);
  });

  it('replay --watch reruns a recording when its plugin changes; p filters by name; Ctrl-C ends it with 130', async () => {
    const p = new TempProject();
    p.plugin('otp-aa');
    p.write('otp.yaml', OTP);
    p.write('ticket.yaml', TICKET.replace('ticket-aa', 'otp-aa').replace('answers: {ticket: T-100}', 'answers: {otp: "123456"}'));
    expect(await new TmuxSession(`node ${BIN} test otp.yaml ticket.yaml`, p.dir).exitCode()).toBe(0);
    session = new TmuxSession(`node ${BIN} replay recordings --watch`, p.dir, { columns: 150, rows: 50 });
    await session.waitFor((s) => s.includes('2 passed, 0 failed') && s.includes('watching 2 recordings'));
    session.keys('p');
    await session.waitFor((s) => s.includes('filter by name'));
    session.keys('otp/', 'Enter');
    let screen = await session.waitFor((s) => s.includes('1 passed, 0 failed') && s.includes('filter "otp/"'));
    expect(screen).toContain('recordings/otp/otp-accepted.yaml');
    expect(screen).not.toContain('recordings/ticket/');

    p.edit('otp-aa/main.py', 'print("authorizing {} as {}"', 'print("now authorizing {} as {}"');
    screen = await session.waitFor((s) => s.includes('0 passed, 1 failed'));
    expect(screen).toContain('changed: otp-aa/main.py');
    session.keys('C-c');
    expect(await session.exitCode()).toBe(130);
  });
});
