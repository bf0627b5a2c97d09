import { useState, type MutableRefObject } from 'react';
import { useInput } from 'ink';

export interface SessionKeys {
  showState: boolean;
  /** The traffic pane (each exchange with its bodies) in place of the logs. */
  showTraffic: boolean;
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
  /** Read when a paging key arrives: the layout is known only after these keys are. */
  paging: MutableRefObject<Paging>;
}

/**
 * Keys that act on the whole screen. Ctrl-C only reports the wish to abort: the wiring layer
 * still has to call session_ended before the process may exit. Paging keys never reach a prompt.
 */
export function useSessionKeys({ prompting, revealSecrets, onAbort, paging }: Options): SessionKeys {
  const [showState, setShowState] = useState(false);
  const [showTraffic, setShowTraffic] = useState(false);
  const [reveal, setReveal] = useState(revealSecrets);
  const [aborting, setAborting] = useState(false);
  const [scroll, setScroll] = useState(0);
  useInput((input, key) => {
    // A fast typist or a paste can put Ctrl-C inside a chunk of other keys.
    if ((key.ctrl && input === 'c') || input.includes('\u0003')) {
      setAborting(true);
      onAbort();
      return;
    }
    if (key.tab || (!prompting && input === 'c' && !key.ctrl && !key.meta)) {
      setShowState((on) => !on);
      setShowTraffic(false);
      setScroll(0);
    }
    if ((key.ctrl && input === 't') || (!prompting && input === 't' && !key.meta)) {
      setShowTraffic((on) => !on);
      setShowState(false);
      setScroll(0);
    }
    if ((key.ctrl && input === 'r') || (!prompting && input === 'r' && !key.meta)) setReveal((on) => !on);
    const { page, max } = paging.current;
    const within = (rows: number): number => Math.min(max, Math.max(0, rows));
    if (key.pageUp) setScroll((rows) => within(Math.min(rows, max) + page));
    if (key.pageDown) setScroll((rows) => within(Math.min(rows, max) - page));
    if (key.home) setScroll(max);
    if (key.end) setScroll(0);
  });
  return { showState, showTraffic, reveal, aborting, scroll };
}
