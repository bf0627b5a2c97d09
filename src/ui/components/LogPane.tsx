import { Box, Text } from 'ink';
import type { PaneLog } from '../derive/logs.js';
import { ROLE_LABEL } from '../derive/labels.js';
import { SectionTitle } from './SectionTitle.js';

/** Rows of log lines a pane of `height` shows: its title takes one. */
export const logRows = (height: number): number => Math.max(0, height - 1);

/**
 * The lines that fit, the newest last unless scrolled back `offset` rows (PgUp); stderr is marked
 * with `!` as well as colour so it survives NO_COLOR.
 */
export function LogPane({ lines, height, offset = 0 }: { lines: PaneLog[]; height: number; offset?: number }) {
  const room = logRows(height);
  const end = lines.length - offset;
  const shown = room === 0 ? [] : lines.slice(Math.max(0, end - room), end);
  const earlier = end - shown.length;
  // The markers say what they mean where they appear: `!` is not obvious to a first-time reader.
  const markers = [shown.some((l) => l.stream === 'stderr') ? '! stderr' : '', shown.some((l) => l.live && l.stream !== 'stderr') ? '… running hook' : ''];
  const notes = [earlier ? `${earlier} earlier` : '', offset ? `${offset} later · End: newest` : '', ...markers].filter(Boolean);
  return (
    <Box flexDirection="column">
      <SectionTitle title="plugin output" note={lines.length === 0 ? 'none yet' : notes.join(' · ')} />
      {shown.map((line, i) => (
        <Text key={i + earlier} wrap="truncate-end" color={line.stream === 'stderr' ? 'yellow' : undefined}>
          <Text dimColor>{`${ROLE_LABEL[line.plugin]}${line.stream === 'stderr' ? '!' : line.live ? '…' : ' '}│ `}</Text>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
