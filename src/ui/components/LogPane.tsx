import { Box, Text } from 'ink';
import type { PaneLog } from '../derive/logs.js';
import { ROLE_LABEL } from '../derive/labels.js';
import { SectionTitle } from './SectionTitle.js';

/** The last lines that fit; stderr is marked with `!` as well as colour so it survives NO_COLOR. */
export function LogPane({ lines, height }: { lines: PaneLog[]; height: number }) {
  const room = Math.max(0, height - 1);
  const shown = room === 0 ? [] : lines.slice(-room);
  const hidden = lines.length - shown.length;
  return (
    <Box flexDirection="column">
      <SectionTitle title="plugin output" note={lines.length === 0 ? 'none yet' : hidden ? `${hidden} earlier` : ''} />
      {shown.map((line, i) => (
        <Text key={i + hidden} wrap="truncate-end" color={line.stream === 'stderr' ? 'yellow' : undefined}>
          <Text dimColor>{`${ROLE_LABEL[line.plugin]}${line.stream === 'stderr' ? '!' : line.live ? '…' : ' '}│ `}</Text>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
