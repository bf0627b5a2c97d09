/**
 * asciicast v2 (what `asciinema play` reads): a JSON header line, then one JSON array per event,
 * `[seconds, "o", text]` for output and `[seconds, "m", label]` for markers.
 */
export interface CastHeader {
  width: number;
  height: number;
  title?: string;
  /** Unix time of the start, seconds. */
  timestamp: number;
}

export class CastRecorder {
  private readonly events: string[] = [];
  private readonly started = performance.now();

  constructor(private readonly header: CastHeader) {}

  private at(): number {
    return Math.round(performance.now() - this.started) / 1000;
  }

  output(text: string): void {
    if (text) this.events.push(JSON.stringify([this.at(), 'o', text]));
  }

  marker(label: string): void {
    this.events.push(JSON.stringify([this.at(), 'm', label]));
  }

  toString(): string {
    const header = { version: 2, ...this.header, env: { TERM: process.env.TERM ?? 'xterm-256color', SHELL: process.env.SHELL ?? '/bin/sh' } };
    return `${[JSON.stringify(header), ...this.events].join('\n')}\n`;
  }
}

/** Copies everything written to a stream into the cast; returns the function that stops copying. */
export function teeInto(stream: NodeJS.WriteStream, cast: CastRecorder): () => void {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    cast.output(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
  return () => {
    stream.write = write;
  };
}
