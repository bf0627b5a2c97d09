import { useRef, useState } from 'react';
import { Text, useInput } from 'ink';
import { maskTyped, type MaskMode } from '../mask.js';

interface Props {
  echo: boolean;
  mask: MaskMode;
  active: boolean;
  onSubmit: (value: string) => void;
}

/**
 * Deliberately has no `value` or `defaultValue` prop: an answer can only come from the keyboard,
 * so nothing can pre-fill a secret. Give it a new React key per question to start empty.
 */
export function MaskedInput({ echo, mask, active, onSubmit }: Props) {
  // Keys can arrive faster than React re-renders (a paste, tmux send-keys); the ref is never stale.
  const valueRef = useRef('');
  const [value, setValue] = useState('');
  const update = (next: string): void => {
    valueRef.current = next;
    setValue(next);
  };
  const submit = (): void => {
    const answer = valueRef.current;
    update('');
    onSubmit(answer);
  };
  useInput(
    (input, key) => {
      if (key.return) return submit();
      // Terminals send DEL (parsed as `delete`) for Backspace; there is no cursor, so both erase the last character.
      if (key.backspace || key.delete) return update([...valueRef.current].slice(0, -1).join(''));
      if (key.ctrl || key.meta || key.tab || input.includes('\u0003')) return;
      // A chunk may hold several keys; a line break in it submits what came before, as in a shell.
      const [first = '', ...rest] = input.split(/\r\n|\r|\n/);
      const printable = first.replace(/[\u0000-\u001f\u007f]/g, '');
      if (printable) update(valueRef.current + printable);
      if (rest.length > 0) submit();
    },
    { isActive: active },
  );
  return (
    <Text wrap="truncate-start">
      <Text color="yellow" bold>
        {'> '}
      </Text>
      {maskTyped(value, echo, mask)}
      {!echo && mask === 'none' ? <Text dimColor>(typing is not shown)</Text> : null}
      <Text inverse> </Text>
    </Text>
  );
}
