import { Text } from 'ink';
import type { Pane } from '../hooks/use-session-keys.js';

export type HelpMode = 'prompt' | 'idle';

interface Props {
  mode: HelpMode;
  pane: Pane;
  reveal: boolean;
  aborting: boolean;
  extraKeys?: string;
}

/**
 * Ctrl-C comes before the toggles so a narrow terminal truncates those first.
 * At a prompt every printable key is part of the answer, so the toggles there are Tab and Ctrl-R. */
export function HelpLine({ mode, pane: shown, reveal, aborting, extraKeys }: Props) {
  const pane = shown === 'state' ? 'logs' : 'cookies';
  const traffic = shown === 'traffic' ? 'logs' : 'traffic';
  const secrets = reveal ? 'hide' : 'reveal';
  const keys =
    mode === 'prompt'
      ? `Enter submit · Backspace delete · Ctrl-C abort · Tab ${pane} · Ctrl-T ${traffic} · Ctrl-R ${secrets} · PgUp/PgDn logs`
      : `Ctrl-C abort · c/Tab ${pane} · t ${traffic} · r ${secrets} credentials · PgUp/PgDn logs`;
  return (
    <Text wrap="truncate-end" dimColor>
      {aborting ? <Text color="yellow">aborting, waiting for session_ended… · </Text> : null}
      {extraKeys ? `${extraKeys} · ` : ''}
      {keys}
    </Text>
  );
}
