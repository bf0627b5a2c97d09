/** One running Python server seen from Node: requests out, replies in, and guards for when it stops answering. */
import type { Duplex, Readable } from 'node:stream';
import type { LogLine } from '../protocol/host.js';
import { LineReader, Tail, type Outcome, type Reply, type Request } from './messages.js';
import { PythonNotFoundError } from './python-errors.js';

/** A spawned server process, as python-host.ts hands it over. */
export interface ServerProcess {
  readonly channel: Duplex;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles once the process is gone; never rejects. */
  readonly exited: Promise<ServerExit>;
  kill(): void;
  /** Whether the process and its pipes may keep Node's event loop alive. */
  setRef(ref: boolean): void;
}

export interface ServerExit {
  code?: number;
  signal?: string;
  /** errno code when the interpreter could not be started at all (ENOENT, EACCES). */
  spawnError?: string;
}

/** What a request came to, failures included. */
export interface Settled {
  outcome: Outcome;
  logs: LogLine[];
  durationMs: number;
}

export interface RequestOptions {
  /** For messages: the hook, or what the request does. */
  label: string;
  timeoutMs: number;
  signal?: AbortSignal;
  onLog?: (line: LogLine) => void;
}

/** How long past a request's own time limit the server may stay silent before it is killed. */
export const GRACE_MS = 2_000;
/** How long close() waits for the server to exit on its own before killing it. */
const CLOSE_WAIT_MS = 1_000;

interface Pending {
  options: RequestOptions;
  /** The server has been told about it (it waits for `ready` first). */
  sent: boolean;
  logs: LogLine[];
  startedAt: number;
  settle: (settled: Settled) => void;
  fail: (error: Error) => void;
  timer: NodeJS.Timeout;
  detach: () => void;
}

type NewRequest = { op: 'call'; [field: string]: unknown } | { op: 'inspect'; [field: string]: unknown };

export class ServerConnection {
  /** The server's Python version, once it said it is ready. */
  readonly ready: Promise<string>;
  private readonly pending = new Map<number, Pending>();
  /** Cancelled requests whose end the server has not confirmed yet. */
  private readonly cancelling = new Map<number, NodeJS.Timeout>();
  /** Process groups of hook children that have not reported. */
  private readonly groups = new Map<number, number>();
  private readonly outputTail = new Tail();
  private nextId = 1;
  private exit?: ServerExit;
  private closing?: Promise<void>;
  private isReady = false;
  /** Killed from here; its exit has not been seen yet. */
  private killed = false;
  private resolveReady!: (version: string) => void;
  private rejectReady!: (error: Error) => void;

  constructor(
    private readonly proc: ServerProcess,
    private readonly python: string,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => undefined); // surfaced through each request instead
    const reader = new LineReader((reply) => this.onReply(reply));
    proc.channel.setEncoding('utf8');
    proc.channel.on('data', (chunk: string) => {
      try {
        reader.push(chunk);
      } catch (error) {
        // Not our protocol any more: nothing it says can be trusted.
        this.outputTail.push(`sps-tui: unreadable message from the plugin host: ${String(error)}\n`);
        this.kill();
      }
    });
    proc.channel.on('error', () => undefined); // the exit handler reports what matters
    proc.stderr.setEncoding('utf8');
    // The server's own output (never the plugin's): only a crash writes here.
    proc.stderr.on('data', (chunk: string) => this.outputTail.push(chunk));
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => this.outputTail.push(chunk));
    void proc.exited.then((exit) => this.onExit(exit));
    this.updateRef();
  }

  get alive(): boolean {
    return this.exit === undefined && this.closing === undefined && !this.killed;
  }

  request(request: NewRequest, options: RequestOptions): Promise<Settled> {
    const id = this.nextId++;
    const startedAt = performance.now();
    if (options.signal?.aborted) {
      return Promise.resolve({ outcome: failure('aborted', `${options.label} was cancelled`), logs: [], durationMs: 0 });
    }
    return new Promise<Settled>((resolve, reject) => {
      const onAbort = (): void => this.abort(id);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => this.stoppedAnswering(id), options.timeoutMs + GRACE_MS);
      const detach = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
        this.updateRef();
      };
      this.pending.set(id, {
        options,
        sent: false,
        logs: [],
        startedAt,
        timer,
        detach,
        settle: (settled) => (detach(), resolve(settled)),
        fail: (error) => (detach(), reject(error)),
      });
      this.updateRef();
      this.ready.then(
        () => {
          const pending = this.pending.get(id);
          if (!pending) return;
          pending.sent = true;
          this.send({ ...request, id, timeoutMs: options.timeoutMs } as Request);
        },
        (error: Error) => this.pending.get(id)?.fail(error),
      );
    });
  }

  /** Ends the server: it kills any running hook's process group and exits; killed if it lingers. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    for (const id of [...this.pending.keys()]) this.settleFailure(id, 'aborted', 'was cancelled: the plugin host was closed');
    this.closing = (async () => {
      this.updateRef();
      this.proc.channel.end();
      const timer = setTimeout(() => this.kill(), CLOSE_WAIT_MS);
      await this.proc.exited;
      clearTimeout(timer);
      this.updateRef();
    })();
    return this.closing;
  }

  private send(message: Request): void {
    if (this.exit === undefined && this.proc.channel.writable) this.proc.channel.write(`${JSON.stringify(message)}\n`);
  }

  private onReply(reply: Reply): void {
    switch (reply.op) {
      case 'ready':
        this.isReady = true;
        this.updateRef();
        this.resolveReady(reply.python);
        return;
      case 'started':
        this.groups.set(reply.id, reply.pid);
        return;
      case 'log': {
        const pending = this.pending.get(reply.id);
        if (!pending) return;
        const line = { stream: reply.stream, text: reply.text };
        pending.logs.push(line);
        try {
          pending.options.onLog?.(line);
        } catch {
          // a broken listener must not break the protocol
        }
        return;
      }
      default: {
        this.groups.delete(reply.id);
        this.confirmCancel(reply.id);
        const pending = this.pending.get(reply.id);
        if (!pending) return;
        const { op: _op, id: _id, durationMs, ...outcome } = reply;
        pending.settle({ outcome: outcome as Outcome, logs: pending.logs, durationMs });
      }
    }
  }

  private abort(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.settleFailure(id, 'aborted', 'was cancelled');
    if (!pending.sent) return;
    this.send({ op: 'cancel', id });
    const timer = setTimeout(() => this.kill(), GRACE_MS);
    this.cancelling.set(id, timer);
    this.updateRef();
  }

  private confirmCancel(id: number): void {
    clearTimeout(this.cancelling.get(id));
    if (this.cancelling.delete(id)) this.updateRef();
  }

  private stoppedAnswering(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    const limit = formatMs(pending.options.timeoutMs);
    this.settleFailure(id, 'timeout', `did not return within ${limit}; the plugin host stopped answering and was killed`);
    this.kill();
  }

  private kill(): void {
    this.killed = true;
    this.proc.kill();
  }

  private settleFailure(id: number, kind: Extract<Outcome, { ok: false }>['kind'], message: string): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    pending.settle({
      outcome: failure(kind, `${pending.options.label} ${message}`),
      logs: pending.logs,
      durationMs: Math.round(performance.now() - pending.startedAt),
    });
  }

  private onExit(exit: ServerExit): void {
    this.exit = exit;
    for (const timer of this.cancelling.values()) clearTimeout(timer);
    this.cancelling.clear();
    // A server killed from here could not take its children's process groups with it.
    for (const pid of this.groups.values()) killGroup(pid);
    this.groups.clear();
    if (!this.isReady) {
      this.rejectReady(this.startFailure(exit));
    } else {
      const why = `the plugin host exited unexpectedly (${describeExit(exit)})`;
      const detail = this.outputTail.lastLine;
      for (const id of [...this.pending.keys()]) {
        const pending = this.pending.get(id)!;
        pending.settle({
          outcome: failure('host', detail ? `${why}: ${detail}` : why, this.outputTail.text || null),
          logs: pending.logs,
          durationMs: Math.round(performance.now() - pending.startedAt),
        });
      }
    }
    this.updateRef();
  }

  private startFailure(exit: ServerExit): Error {
    if (exit.spawnError === 'ENOENT') return PythonNotFoundError.missing(this.python);
    if (exit.spawnError) return PythonNotFoundError.missing(this.python, `cannot be run (${exit.spawnError})`);
    const tooOld = /sps-tui-host: python-too-old (\S+)/.exec(this.outputTail.text);
    if (exit.code === 3 && tooOld) return PythonNotFoundError.tooOld(this.python, tooOld[1]);
    const detail = this.outputTail.lastLine;
    return PythonNotFoundError.broken(this.python, `${describeExit(exit)}${detail ? `: ${detail}` : ''}`);
  }

  private updateRef(): void {
    // Starting counts as busy: a caller may await `ready` before its first request (check does).
    const busy = !this.isReady || this.pending.size > 0 || this.cancelling.size > 0 || (this.closing !== undefined && !this.exit);
    this.proc.setRef(busy && this.exit === undefined);
  }
}

function failure(kind: Extract<Outcome, { ok: false }>['kind'], message: string, traceback: string | null = null): Outcome {
  return { ok: false, kind, message, traceback };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function describeExit(exit: ServerExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exited with status ${exit.code ?? 'unknown'}`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
