import { useState, type MutableRefObject } from 'react';
import { useInput } from 'ink';

/** What the pane under the timeline shows: the plugin's output, cookies and key_value_pairs, or its traffic. */
export type Pane = 'logs' | 'state' | 'traffic';

export interface SessionKeys {
  pane: Pane;
  reveal: boolean;
  aborting: boolean;
  /** Rows the log pane is scrolled back from the newest line; 0 follows new output. */
  scroll: number;
}

/** What one page is and how far back there is to go, as last laid out. */
export interface Paging {
  page: number;
  max: number;
}

interface Options {
  /** A prompt is taking printable keys, so only Tab and Ctrl-R toggle. */
  prompting: boolean;
  revealSecrets: boolean;
  onAbort: () => void;
  /** The session is over and the screen stays until this is called (q, Enter or Ctrl-C). */
  onQuit?: (() => void) | undefined;
  /** Read when a paging key arrives: the layout is known only after these keys are. */
  paging: MutableRefObject<Paging>;
}

/**
 * Keys that act on the whole screen. Ctrl-C only reports the wish to abort: the wiring layer
 * still has to call session_ended before the process may exit. Paging keys never reach a prompt.
 */
export function useSessionKeys({ prompting, revealSecrets, onAbort, onQuit, paging }: Options): SessionKeys {
  const [pane, setPane] = useState<Pane>('logs');
  const [reveal, setReveal] = useState(revealSecrets);
  const [aborting, setAborting] = useState(false);
  const [scroll, setScroll] = useState(0);
  useInput((input, key) => {
    // A fast typist or a paste can put Ctrl-C inside a chunk of other keys.
    const ctrlC = (key.ctrl && input === 'c') || input.includes('\u0003');
    if (onQuit && (ctrlC || key.return || input === 'q')) {
      onQuit();
      return;
    }
    if (ctrlC) {
      setAborting(true);
      onAbort();
      return;
    }
    // Each toggle shows its pane, or the logs again when its pane is already shown.
    const toggle = (to: Pane): void => {
      setPane((now) => (now === to ? 'logs' : to));
      setScroll(0);
    };
    if (key.tab || (!prompting && input === 'c' && !key.ctrl && !key.meta)) toggle('state');
    if ((key.ctrl && input === 't') || (!prompting && input === 't' && !key.meta)) toggle('traffic');
    if ((key.ctrl && input === 'r') || (!prompting && input === 'r' && !key.meta)) setReveal((on) => !on);
    const { page, max } = paging.current;
    const within = (rows: number): number => Math.min(max, Math.max(0, rows));
    if (key.pageUp) setScroll((rows) => within(Math.min(rows, max) + page));
    if (key.pageDown) setScroll((rows) => within(Math.min(rows, max) - page));
    if (key.home) setScroll(max);
    if (key.end) setScroll(0);
  });
  return { pane, reveal, aborting, scroll };
}
