/** Processes a hook left running: not part of the conversation, but worth a warning wherever it shows. */
import type { TranscriptEvent } from '../protocol/session.js';

/** `aa authenticate left 1 process running; sps-tui ended it: sleep 60` for each call that did. */
export function leftRunningWarnings(transcript: readonly TranscriptEvent[]): string[] {
  return transcript.flatMap((e) => {
    if ((e.type !== 'hook-result' && e.type !== 'hook-error') || !e.leftRunning?.length) return [];
    const n = e.leftRunning.length;
    return [`${e.plugin} ${e.hook} left ${n === 1 ? '1 process' : `${n} processes`} running; sps-tui ended ${n === 1 ? 'it' : 'them'}: ${e.leftRunning.join('; ')}`];
  });
}
