/** A debugger in the hook call: pdb on the terminal (tmux), debugpy for an IDE (a small DAP client). */
import { connect, createServer, type Socket } from 'node:net';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cli, userEnv } from '../helpers/cli.js';
import { TempProject } from '../helpers/project.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

const MAIN = `#!/usr/bin/env pluginwrapper3
class Plugin:
    def __init__(self, configuration):
        self.configuration = configuration

    def authenticate(self, key_value_pairs, **kwargs):
        ticket = key_value_pairs.get('ticket')
        if ticket is None:
            return {'verdict': 'NEEDINFO', 'question': ('ticket', 'Ticket: ', True)}
        secret_word = 'sword' + 'fish'
        if ticket == 'stop':
            breakpoint()
        if ticket == 'raise':
            raise ValueError('no such ticket: %s' % ticket)
        return {'verdict': 'ACCEPT'}

    def authorize(self, **kwargs):
        return {'verdict': 'ACCEPT'}

    def session_ended(self, **kwargs):
        pass
`;

function project(): TempProject {
  const p = new TempProject();
  p.aaPlugin('tickets', 'tickets', 'stops where it is told to', MAIN);
  const scenario = (name: string, ticket: string, verdict: string): string =>
    `name: ${name}\nplugin: tickets\nconnection: {server_username: root}\nanswers: {ticket: ${ticket}}\nexpect: {verdict: ${verdict}}\ntimeout: 1\n`;
  p.write('stop.yaml', scenario('stops at breakpoint', 'stop', 'ACCEPT'));
  p.write('raise.yaml', scenario('raises', 'raise', 'ERROR'));
  return p;
}

describe('breakpoint() without a debugger', () => {
  it('ends the call and says that --pdb gives it a terminal', async () => {
    const result = await cli(['test', 'stop.yaml', '--recordings', 'recs'], { cwd: project().dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('aa.authenticate raised bdb.BdbQuit (breakpoint() in a hook needs a terminal: run sps-tui with --pdb)');
  });
});

describe.skipIf(!hasTmux)('--pdb in a real terminal', () => {
  let session: TmuxSession | undefined;
  afterEach(() => session?.close());

  it('test --pdb stops at breakpoint(), prints a variable, and continues to ACCEPT past the time limit', async () => {
    const p = project();
    session = new TmuxSession(`node ${BIN} test stop.yaml --recordings recs --pdb`, p.dir, { columns: 120, rows: 30 });
    await session.waitFor((s) => s.includes('(Pdb)') && s.includes('main.py(13)authenticate()'));
    session.keys('p secret_word', 'Enter');
    await session.waitFor((s) => s.includes("'swordfish'"));
    // The scenario's limit is 1 s: the debugger holds the call longer than that and nothing kills it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    session.keys('c', 'Enter');
    const screen = await session.waitFor((s) => s.includes('1 passed, 0 failed'));
    expect(screen).toContain('✓ stop.yaml › stops at breakpoint');
    expect(await session.exitCode()).toBe(0);
  });

  it('test --pdb opens a post-mortem where a hook raised, then the session goes on as without it', async () => {
    const p = project();
    session = new TmuxSession(`node ${BIN} test raise.yaml stop.yaml --recordings recs --pdb`, p.dir, { columns: 120, rows: 30 });
    await session.waitFor((s) => s.includes('authenticate raised ValueError: no such ticket: raise') && s.includes('(Pdb)'));
    session.keys('p ticket', 'Enter');
    await session.waitFor((s) => s.includes("'raise'"));
    session.keys('c', 'Enter');
    // The next case's breakpoint: cases run one at a time, so the terminal is never shared.
    await session.waitFor((s) => s.includes('main.py(13)authenticate()'));
    session.keys('c', 'Enter');
    const screen = await session.waitFor((s) => s.includes('2 passed, 0 failed'));
    expect(screen).toContain('✓ raise.yaml › raises');
    expect(await session.exitCode()).toBe(0);
  });

  it('run --pdb asks in plain lines, stops at breakpoint() and shows the verdict', async () => {
    const p = project();
    session = new TmuxSession(`node ${BIN} run stop.yaml --pdb --ask-all`, p.dir, { columns: 120, rows: 30 });
    await session.waitFor((s) => s.includes('Ticket:'));
    session.keys('stop', 'Enter');
    await session.waitFor((s) => s.includes('(Pdb)'));
    session.keys('p ticket', 'Enter');
    await session.waitFor((s) => s.includes("'stop'"));
    session.keys('c', 'Enter');
    await session.waitFor((s) => /ACCEPT/.test(s.split("'stop'")[1] ?? ''));
    expect(await session.exitCode()).toBe(0);
  });
});

/** Just enough of the Debug Adapter Protocol to attach, stop at a line and continue, as an IDE does. */
class DapClient {
  private buffer = Buffer.alloc(0);
  private seq = 1;
  private readonly waiting: Array<{ match: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }> = [];
  private readonly seen: Array<Record<string, unknown>> = [];

  /** Settles when the adapter hangs up: the call ended, and debugpy with it. */
  readonly closed: Promise<void>;

  constructor(private readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
        if (this.buffer.length < end + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString()) as Record<string, unknown>;
        this.buffer = this.buffer.subarray(end + 4 + length);
        const waiter = this.waiting.findIndex((w) => w.match(message));
        if (waiter >= 0) this.waiting.splice(waiter, 1)[0]!.resolve(message);
        else this.seen.push(message);
      }
    });
  }

  static async open(port: number, deadline: number): Promise<DapClient> {
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s)).once('error', reject);
        });
        return new DapClient(socket);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** The next message that matches; rejects if the adapter hangs up first. */
  next(match: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const found = this.seen.findIndex(match);
    if (found >= 0) return Promise.resolve(this.seen.splice(found, 1)[0]!);
    const message = new Promise<Record<string, unknown>>((resolve) => this.waiting.push({ match, resolve }));
    return Promise.race([message, this.closed.then(() => Promise.reject(new Error('the adapter hung up')))]);
  }

  event = (name: string) => this.next((m) => m.type === 'event' && m.event === name);

  request(command: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const seq = this.seq++;
    const body = JSON.stringify({ seq, type: 'request', command, arguments: args });
    this.socket.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return this.next((m) => m.type === 'response' && m.request_seq === seq);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A port nothing listens on now: asked of the kernel, then let go. */
const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('--debugpy', () => {
  it('each hook call waits for an IDE; attached, a breakpoint in authenticate stops at its line and the session goes on to ACCEPT', async () => {
    const p = project();
    p.edit('stop.yaml', 'answers: {ticket: stop}', 'answers: {ticket: T-1}');
    const port = await freePort();
    const run = execa('node', [BIN, 'test', 'stop.yaml', '--recordings', 'recs', '--debugpy', String(port)], { cwd: p.dir, reject: false, extendEnv: false, env: userEnv() });
    const main = `${p.dir}/tickets/main.py`;
    const stoppedAt: number[] = [];
    const deadline = Date.now() + 60_000;
    let attached = 0;
    // authenticate (asks), authenticate (answered), authorize, session_ended: one attach each.
    while (attached < 4) {
      const dap = await DapClient.open(port, deadline);
      try {
        await dap.request('initialize', { adapterID: 'python', clientID: 'sps-tui-test', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
        void dap.request('attach', { justMyCode: false }).catch(() => undefined);
        await dap.event('initialized');
      } catch {
        // The adapter of the call that just ended took the connection before it went: try again.
        dap.close();
        continue;
      }
      attached++;
      // Once configured, a call that stops nowhere runs to its end and its adapter hangs up, maybe
      // before these replies: that is the call going on, not a failure.
      await dap.request('setBreakpoints', { source: { path: main }, breakpoints: [{ line: 10 }] });
      await dap.request('configurationDone').catch(() => undefined);
      if (attached === 2) {
        const stopped = await dap.event('stopped');
        const threadId = (stopped.body as { threadId: number }).threadId;
        const trace = await dap.request('stackTrace', { threadId });
        stoppedAt.push((trace.body as { stackFrames: Array<{ line: number }> }).stackFrames[0]!.line);
        // The call may end (and debugpy with it) before the reply to continue arrives.
        await dap.request('continue', { threadId }).catch(() => undefined);
      }
      await dap.closed;
    }
    const result = await run;
    expect(String(result.stderr)).toContain(`sps-tui: every hook call waits for a debugger (debugpy) to attach on 127.0.0.1:${port}`);
    expect(stoppedAt).toEqual([10]);
    expect(String(result.stdout)).toContain('1 passed, 0 failed');
    // debugpy's own processes are the debugger's, not something the hook left running.
    expect(String(result.stdout)).not.toContain('left running');
    expect(result.exitCode).toBe(0);
  }, 90_000);

  it('refuses an address that is not a port, and two debuggers at once', async () => {
    const p = project();
    const bad = await cli(['test', 'stop.yaml', '--debugpy', 'localhost:eighty'], { cwd: p.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--debugpy must be a port or host:port (e.g. 5678 or 127.0.0.1:5678), not "localhost:eighty"');
    const both = await cli(['test', 'stop.yaml', '--debugpy', '5678', '--pdb'], { cwd: p.dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--pdb and --debugpy are two debuggers: choose one');
  });
});
