/** The JSON-lines protocol between python-host.ts and the Python server (src/host/python/). */
import type { CallTraffic, HookErrorKind, LogStream, TrafficRequest } from '../protocol/host.js';
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

export type Outcome =
  | ({ ok: true; value: Json; passed?: string[] } & CallTraffic)
  | ({ ok: false; kind: HookErrorKind; message: string; traceback: string | null; passed?: string[] } & CallTraffic);

/** Splits a text stream into lines and hands each parsed message on. */
export class LineReader {
  private partial = '';
  constructor(private readonly onMessage: (message: Reply) => void) {}

  push(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() !== '') this.onMessage(JSON.parse(line) as Reply);
    }
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
