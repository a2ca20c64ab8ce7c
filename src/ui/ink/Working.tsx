import { Text } from 'ink';
import Spinner from 'ink-spinner';
import { toneColor } from './theme.js';

export interface WorkingProps {
  message: string;
}

/** A spinner with what is being done. */
export function Working({ message }: WorkingProps) {
  return (
    <Text wrap="truncate-end">
      <Text color={toneColor('accent')}>
        <Spinner type="dots" />
      </Text>
      {` ${message}`}
    </Text>
  );
}
