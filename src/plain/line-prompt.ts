/**
 * Reads answers line by line. From a pipe it never echoes anything; at a terminal an echo-off
 * answer is read in raw mode and shown as stars (or nothing).
 */
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export interface LinePrompt {
  /** The answer, or undefined when input has ended. Rejects with an Error('aborted') on Ctrl-C. */
  ask(prompt: string, echo: boolean): Promise<string | undefined>;
  close(): void;
}

export function createLinePrompt(input: Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => void }, output: Writable, mask: 'star' | 'none'): LinePrompt {
  const lines: string[] = [];
  const waiting: Array<(line: string | undefined) => void> = [];
  let ended = false;
  let reader: Interface | undefined;
  const ensureReader = (): void => {
    if (reader) return;
    reader = createInterface({ input, terminal: false });
    reader.on('line', (line) => (waiting.length ? waiting.shift()!(line) : lines.push(line)));
    reader.on('close', () => {
      ended = true;
      while (waiting.length) waiting.shift()!(undefined);
    });
  };
  const nextLine = (): Promise<string | undefined> => {
    ensureReader();
    if (lines.length) return Promise.resolve(lines.shift());
    if (ended) return Promise.resolve(undefined);
    return new Promise((resolve) => waiting.push(resolve));
  };

  const readMasked = (): Promise<string | undefined> =>
    new Promise((resolve, reject) => {
      let answer = '';
      input.setRawMode!(true);
      input.resume();
      const onData = (chunk: Buffer): void => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return done(() => resolve(answer));
          if (ch === '\u0003') return done(() => reject(new Error('aborted')));
          if (ch === '\u0004' && answer === '') return done(() => resolve(undefined));
          if (ch === '\u007f' || ch === '\b') {
            if (answer.length) {
              answer = answer.slice(0, -1);
              if (mask === 'star') output.write('\b \b');
            }
          } else if (ch >= ' ') {
            answer += ch;
            if (mask === 'star') output.write('*');
          }
        }
      };
      const done = (finish: () => void): void => {
        input.off('data', onData);
        input.setRawMode!(false);
        input.pause();
        output.write('\n');
        finish();
      };
      input.on('data', onData);
    });

  return {
    ask(prompt, echo) {
      output.write(prompt);
      if (!echo && input.isTTY && input.setRawMode) return readMasked();
      return nextLine().then((line) => {
        // From a pipe the typed text is not shown; end the prompt's line ourselves.
        if (!input.isTTY) output.write('\n');
        return line;
      });
    },
    close() {
      reader?.close();
    },
  };
}
