import { Box, Text } from 'ink';
import type { StateLine } from '../derive/state.js';
import { SectionTitle } from './SectionTitle.js';

/** Shown in place of the log pane while toggled on. */
export function StateView({ lines, height, title = 'cookies and key_value_pairs' }: { lines: StateLine[]; height: number; title?: string }) {
  const room = Math.max(0, height - 1);
  const shown = lines.slice(0, room);
  const cut = lines.length - shown.length;
  return (
    <Box flexDirection="column">
      <SectionTitle title={title} note={cut ? `${cut} more rows` : ''} />
      {shown.map((line, i) => (
        <Text key={i} wrap="truncate-end" bold={line.heading} color={line.heading ? 'cyan' : undefined}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
