/** The JSON-lines protocol between python-host.ts and the Python server (src/host/python/). */
import type { CallSideEffects, HookErrorKind, LogStream, TrafficRequest } from '../protocol/host.js';
import type { Json, JsonObject } from '../protocol/json.js';
import type { HookName } from '../protocol/plugin.js';

export type Request =
  | {
      op: 'call';
      id: number;
      hook: HookName;
      args: JsonObject;
      configuration: string;
      timeoutMs: number;
      env: Record<string, string>;
      traffic?: TrafficRequest;
    }
  | { op: 'inspect'; id: number; timeoutMs: number }
  | { op: 'cancel'; id: number };

export type Reply =
  | { op: 'ready'; python: string; pid: number }
  | { op: 'started'; id: number; pid: number }
  | { op: 'log'; id: number; stream: LogStream; text: string }
  | (Outcome & { op: 'result' | 'inspect-result'; id: number; durationMs: number });

/** `left_running`: what the hook left running and the host ended (the wire's name for leftRunning). */
export type Outcome =
  | ({ ok: true; value: Json; passed?: string[]; left_running?: string[] } & CallSideEffects)
  | ({ ok: false; kind: HookErrorKind; message: string; traceback: string | null; passed?: string[]; left_running?: string[] } & CallSideEffects);

/**
 * Splits a text stream into lines and hands each parsed message on. A message of megabytes comes
 * in many chunks: they are kept apart and joined once, so each byte is scanned once, not per chunk.
 */
export class LineReader {
  private parts: string[] = [];
  constructor(private readonly onMessage: (message: Reply) => void) {}

  push(chunk: string): void {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      this.parts.push(chunk.slice(start, end));
      const line = this.parts.join('');
      this.parts = [];
      if (/\S/.test(line)) this.onMessage(JSON.parse(line) as Reply);
      start = end + 1;
    }
    if (start < chunk.length) this.parts.push(chunk.slice(start));
  }
}

/** The last few lines a stream produced, for messages about a crashed host. */
export class Tail {
  private lines: string[] = [];
  private partial = '';
  constructor(private readonly keep = 20) {}

  push(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    this.lines.push(...lines);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
  }

  get text(): string {
    return [...this.lines, this.partial].filter((line) => line.trim() !== '').join('\n');
  }

  get lastLine(): string {
    return this.text.split('\n').pop() ?? '';
  }
}
