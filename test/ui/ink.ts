/** Driving Ink in tests: frames without ANSI, and waiting for React to process input instead of sleeping. */
import { stripVTControlCharacters } from 'node:util';

export const clean = (frame: string | undefined): string => stripVTControlCharacters(frame ?? '');

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits, a macrotask at a time, until `check` holds; fails with the last frame instead of hanging. */
export async function until(check: () => boolean, describe: () => string = () => '', maxTicks = 500): Promise<void> {
  for (let i = 0; i < maxTicks; i++) {
    if (check()) return;
    await tick();
  }
  throw new Error(`condition not met; last frame:\n${describe()}`);
}

interface Rendered {
  lastFrame: () => string | undefined;
  stdin: { write: (data: string) => void };
}

export function frameOf(app: Rendered): string {
  return clean(app.lastFrame());
}

/** Ink attaches its stdin listener in an effect after the first render; input before that is lost. */
export async function ready(app: Rendered): Promise<void> {
  await until(() => frameOf(app).length > 0, () => frameOf(app));
  await tick();
}

/** Writes keys, then waits until the frame satisfies `expected`. */
export async function press(app: Rendered, keys: string, expected: (frame: string) => boolean): Promise<string> {
  app.stdin.write(keys);
  await until(() => expected(frameOf(app)), () => frameOf(app));
  return frameOf(app);
}

export const KEY = { enter: '\r', backspace: '\x7f', ctrlC: '\x03', ctrlR: '\x12', tab: '\t' } as const;
