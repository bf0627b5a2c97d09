import { Text } from 'ink';
import type { Pane } from '../hooks/use-session-keys.js';

/** `done`: the session is over and the screen waits for q. */
export type HelpMode = 'prompt' | 'idle' | 'done';

interface Props {
  mode: HelpMode;
  /** The session is over: an abort has finished, not still waiting for session_ended. */
  done?: boolean;
  pane: Pane;
  reveal: boolean;
  aborting: boolean;
  extraKeys?: string;
}

/**
 * Ctrl-C comes before the toggles so a narrow terminal truncates those first.
 * At a prompt every printable key is part of the answer, so the toggles there are Tab and Ctrl-R. */
export function HelpLine({ mode, done = false, pane: shown, reveal, aborting, extraKeys }: Props) {
  const pane = shown === 'state' ? 'logs' : 'cookies';
  const traffic = shown === 'traffic' ? 'logs' : 'traffic';
  const secrets = reveal ? 'hide' : 'reveal';
  const toggles = `c/Tab ${pane} · t ${traffic} · r ${secrets} credentials · PgUp/PgDn logs`;
  const keys =
    mode === 'prompt'
      ? `Enter submit · Backspace delete · Ctrl-C abort · Tab ${pane} · Ctrl-T ${traffic} · Ctrl-R ${secrets} · PgUp/PgDn logs`
      : mode === 'done'
        ? `q/Enter quit · ${toggles}`
        : `Ctrl-C abort · ${toggles}`;
  return (
    <Text wrap="truncate-end" dimColor>
      {aborting ? <Text color="yellow">{done ? 'aborted, session_ended was called · ' : 'aborting, waiting for session_ended… · '}</Text> : null}
      {extraKeys ? `${extraKeys} · ` : ''}
      {keys}
    </Text>
  );
}
