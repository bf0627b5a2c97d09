import { Box, Text } from 'ink';
import type { SessionView } from '../../protocol/view.js';
import { ROLE_LABEL } from '../derive/labels.js';
import type { MaskMode } from '../mask.js';
import { MaskedInput } from './MaskedInput.js';

interface Props {
  question: NonNullable<SessionView['question']>;
  mask: MaskMode;
  active: boolean;
  onSubmit: (value: string) => void;
}

export function QuestionPrompt({ question, mask, active, onSubmit }: Props) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color="yellow">?</Text> <Text dimColor>[{ROLE_LABEL[question.plugin]} {question.hook} · {question.key}]</Text>{' '}
        <Text bold>{question.prompt}</Text>
        {question.echo ? null : <Text dimColor> (hidden)</Text>}
      </Text>
      <MaskedInput echo={question.echo} mask={mask} active={active} onSubmit={onSubmit} />
    </Box>
  );
}
