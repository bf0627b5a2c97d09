import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { ROLE_LABEL, verdictColor } from '../derive/labels.js';
import { useNow } from '../hooks/use-now.js';
import { MASK } from '../mask.js';
import type { TimelineRow } from '../derive/timeline.js';
import { SectionTitle } from './SectionTitle.js';

interface Props {
  rows: TimelineRow[];
  /** Lines available, title included. */
  height: number;
}

/** The latest calls win the space: a session's present matters more than its start. */
export function Timeline({ rows, height }: Props) {
  const room = Math.max(0, height - 1);
  const shown = rows.slice(Math.max(0, rows.length - room));
  const hidden = rows.length - shown.length;
  return (
    <Box flexDirection="column">
      <SectionTitle title="hooks" note={hidden ? `${hidden} earlier` : ''} />
      {shown.map((row, i) => (
        <Text key={i + hidden} wrap="truncate-end">
          <RowText row={row} />
        </Text>
      ))}
    </Box>
  );
}

/** Its own component so the 100 ms clock re-renders one Text, not the whole screen. */
function Elapsed({ startedAt }: { startedAt: number }) {
  const now = useNow(true);
  return <Text color="cyan">{`running ${(Math.max(0, now - startedAt) / 1000).toFixed(1)} s`}</Text>;
}

function RowText({ row }: { row: TimelineRow }) {
  switch (row.kind) {
    case 'call': {
      // Wide enough for "CS authentication_completed" and a space.
      const name = `${ROLE_LABEL[row.plugin]} ${row.hook}`.padEnd(28);
      if (row.state === 'running') {
        return (
          <Text>
            <Text color="cyan">
              <Spinner type="dots" />
            </Text>{' '}
            {name}
            <Elapsed startedAt={row.startedAt ?? Date.now()} />
          </Text>
        );
      }
      const mark = row.state === 'ok' ? '✓' : row.state === 'error' ? '✗' : '·';
      const color = row.state === 'error' ? 'red' : verdictColor(row.label);
      const duration = row.durationMs === undefined ? '' : `${Math.round(row.durationMs)} ms`;
      return (
        <Text>
          <Text color={row.state === 'error' ? 'red' : 'green'}>{mark}</Text> {name}
          <Text color={color} bold={row.state === 'error'}>
            {row.label.padEnd(12)}
          </Text>
          <Text dimColor>{duration.padStart(9)}</Text>
          {row.detail ? `  ${row.detail}` : ''}
        </Text>
      );
    }
    case 'exchange':
      return (
        <Text>
          {'  '}
          <Text color="blue">⇄</Text> <Text dimColor>{row.text}</Text>
        </Text>
      );
    case 'left-running':
      return (
        <Text wrap="truncate-end">
          {'  '}
          <Text color="yellow">!</Text> <Text dimColor>{row.text}</Text>
        </Text>
      );
    case 'question':
      return (
        <Text>
          {'  '}
          <Text color="yellow">?</Text> {row.key}: {row.prompt}
          {row.echo ? '' : <Text dimColor> (hidden)</Text>}
        </Text>
      );
    case 'answer':
      return (
        <Text>
          {'  '}
          <Text color="yellow">›</Text> {row.key} = {row.echo ? JSON.stringify(row.value) : MASK}
        </Text>
      );
    case 'credential':
      return (
        <Text>
          {'  '}
          <Text color={row.accepted ? 'green' : 'red'}>{row.accepted ? '✓' : '✗'}</Text>
          {` ${row.credentialKind.replace('_', ' ')} #${row.index + 1}${row.keyType ? ` ${row.keyType}` : ''} ${row.credential} `}
          <Text color={row.accepted ? 'green' : 'red'}>{row.accepted ? 'accepted by target' : 'rejected by target'}</Text>
        </Text>
      );
  }
}
