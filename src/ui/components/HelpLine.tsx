import { Text } from 'ink';

export type HelpMode = 'prompt' | 'idle';

interface Props {
  mode: HelpMode;
  showState: boolean;
  showTraffic?: boolean;
  reveal: boolean;
  aborting: boolean;
  extraKeys?: string;
}

/**
 * Ctrl-C comes before the toggles so a narrow terminal truncates those first.
 * At a prompt every printable key is part of the answer, so the toggles there are Tab and Ctrl-R. */
export function HelpLine({ mode, showState, showTraffic = false, reveal, aborting, extraKeys }: Props) {
  const pane = showState ? 'logs' : 'cookies';
  const traffic = showTraffic ? 'logs' : 'traffic';
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
