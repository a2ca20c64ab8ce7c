import { Text } from 'ink';
import { elapsed, spinnerFrame } from './progress.js';
import { toneColor } from './theme.js';

export interface WorkingProps {
  message: string;
  /** `7/20`, `step 3/12`: how far it is, when that is known. */
  count?: string | null;
  /** How long it has run, by the container's clock; it also turns the spinner. */
  ms: number;
  /** Columns for the row: the message is cut so the count and the time stay in view. */
  width?: number;
}

/** A message cut to leave `room` columns, with `…` when cut. */
export function cutMessage(message: string, room: number): string {
  if (message.length <= room) return message;
  return room <= 1 ? '' : `${message.slice(0, room - 1)}…`;
}

/** A spinner with what is being done, how far it is and for how long. */
export function Working({ message, count, ms, width }: WorkingProps) {
  const tail = `${count ? ` ${count}` : ''} · ${elapsed(ms)}`;
  const text = width === undefined ? message : cutMessage(message, width - 2 - tail.length);
  return (
    <Text wrap="truncate-end">
      <Text color={toneColor('accent')}>{spinnerFrame(ms)}</Text>
      {` ${text}`}
      {count ? <Text bold>{` ${count}`}</Text> : null}
      <Text color={toneColor('dim')}>{` · ${elapsed(ms)}`}</Text>
    </Text>
  );
}
