/**
 * `sps-tui play RECORDING`: a recorded conversation shown step by step, for demos and reviews.
 * Nothing runs: no plugin, no Python. At a terminal Space or Enter shows the next step (or
 * `--speed` sets a pace); elsewhere the steps print as plain lines.
 */
import { viewOfTranscript } from '../../engine/view.js';
import { ExitCode, UserError } from '../../errors.js';
import { eventLines, logLines } from '../../plain/format.js';
import { readRecording } from '../../record/file.js';
import { transcriptOf } from '../../record/transcript.js';
import type { PluginBadge, SessionView } from '../../protocol/view.js';
import { sleep } from '../front-ends/front-end.js';

export interface PlayFlags {
  speed?: string;
  plain?: boolean;
  mask?: 'star' | 'none';
}

export async function playCommand(file: string, flags: PlayFlags): Promise<number> {
  const { recording } = readRecording(file);
  const transcript = transcriptOf(recording);
  const speed = flags.speed === undefined ? undefined : Number(flags.speed);
  if (speed !== undefined && !(speed >= 0)) throw new UserError(`--speed must be a number of at least 0, not "${flags.speed}"`);
  const plugins = Object.fromEntries(
    Object.entries(recording.plugins).map(([role, p]) => [role, { name: p!.name, version: p!.version, type: p!.type } satisfies PluginBadge]),
  );
  const viewAt = (count: number): SessionView => viewOfTranscript(transcript.slice(0, count), recording.input.connection, plugins, count === transcript.length);

  if (flags.plain || !process.stdin.isTTY || !process.stdout.isTTY) {
    process.stdout.write(`${recording.name} (recorded with ${recording.tool})\n`);
    for (const event of transcript) {
      if (speed) await sleep(700 / speed);
      for (const line of [...logLines(event), ...eventLines(event)]) process.stdout.write(`${line}\n`);
    }
    return ExitCode.ok;
  }

  const { renderSession } = await import('../../ui/render-session.js');
  let shown = 1;
  let view = viewAt(shown);
  const listeners = new Set<() => void>();
  const advance = (): void => {
    if (shown >= transcript.length) return;
    view = viewAt(++shown);
    for (const listener of listeners) listener();
  };
  let quit = (): void => undefined;
  const finished = new Promise<void>((resolve) => (quit = resolve));
  const screen = renderSession(
    () => view,
    (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    { onAnswer: () => undefined, onAbort: () => quit() },
    { mask: flags.mask ?? 'star', extraKeys: 'Space next · q quit' },
  );
  // Keys typed quickly arrive together in one chunk.
  const onKey = (chunk: Buffer): void => {
    for (const key of chunk.toString()) {
      if (key === ' ' || key === '\r' || key === 'n') advance();
      if (key === 'q') quit();
    }
  };
  process.stdin.on('data', onKey);
  if (speed !== undefined) {
    void (async () => {
      while (shown < transcript.length) {
        await sleep(speed === 0 ? 0 : 700 / speed);
        advance();
      }
    })();
  }
  await finished;
  process.stdin.off('data', onKey);
  screen.unmount();
  process.stdin.pause();
  return ExitCode.ok;
}
