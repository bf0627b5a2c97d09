import { Box, Text } from 'ink';
import type { SummaryLine } from '../derive/summary.js';
import { SectionTitle } from './SectionTitle.js';

export function Summary({ lines }: { lines: SummaryLine[] }) {
  return (
    <Box flexDirection="column">
      <SectionTitle title="outcome" />
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" color={line.color} bold={line.bold} dimColor={line.dim}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
