import { useState } from 'react';
import { useInput } from 'ink';

export interface SessionKeys {
  showState: boolean;
  reveal: boolean;
  aborting: boolean;
}

interface Options {
  /** A prompt is taking printable keys, so only Tab and Ctrl-R toggle. */
  prompting: boolean;
  revealSecrets: boolean;
  onAbort: () => void;
}

/**
 * Keys that act on the whole screen. Ctrl-C only reports the wish to abort: the wiring layer
 * still has to call session_ended before the process may exit.
 */
export function useSessionKeys({ prompting, revealSecrets, onAbort }: Options): SessionKeys {
  const [showState, setShowState] = useState(false);
  const [reveal, setReveal] = useState(revealSecrets);
  const [aborting, setAborting] = useState(false);
  useInput((input, key) => {
    // A fast typist or a paste can put Ctrl-C inside a chunk of other keys.
    if ((key.ctrl && input === 'c') || input.includes('\u0003')) {
      setAborting(true);
      onAbort();
      return;
    }
    if (key.tab || (!prompting && input === 'c' && !key.ctrl && !key.meta)) setShowState((on) => !on);
    if ((key.ctrl && input === 'r') || (!prompting && input === 'r' && !key.meta)) setReveal((on) => !on);
  });
  return { showState, reveal, aborting };
}
