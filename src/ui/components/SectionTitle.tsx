import { Text } from 'ink';
import { useTerminalSize } from '../hooks/use-terminal-size.js';

/** A one-row rule that names a pane; cheaper than a border, which costs two rows. */
export function SectionTitle({ title, note = '' }: { title: string; note?: string }) {
  const { columns } = useTerminalSize();
  const label = `── ${title} ${note ? `(${note}) ` : ''}`;
  return (
    <Text wrap="truncate-end" dimColor>
      {label + '─'.repeat(Math.max(0, columns - label.length))}
    </Text>
  );
}
