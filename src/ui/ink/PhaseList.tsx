import { Box, Text } from 'ink';
import { elapsed, PHASE_NAMES, spinnerFrame, type PhaseRow } from './progress.js';
import { toneColor } from './theme.js';
import { cutMessage } from './Working.js';

export interface PhaseListProps {
  rows: readonly PhaseRow[];
  width: number;
}

const NAME_WIDTH = 10;
/** Wider rows would leave the times far from their phases. */
const MAX_WIDTH = 100;

/** Detection's phases as a checklist: done ones with their time, the running one with a spinner and its count. */
export function PhaseList({ rows, width: columns }: PhaseListProps) {
  const width = Math.min(columns, MAX_WIDTH);
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => {
        const time = elapsed(row.ms);
        const count = row.message.count ? ` ${row.message.count}` : '';
        // Mark, phase name, message (cut), count, then the time right-aligned.
        const room = width - 4 - NAME_WIDTH - count.length - time.length - 2;
        const text = cutMessage(row.message.text, room);
        const pad = Math.max(1, room - text.length + 2);
        return (
          <Text key={i} wrap="truncate-end">
            {'  '}
            {row.running ? (
              <Text color={toneColor('accent')}>{spinnerFrame(row.ms)}</Text>
            ) : (
              <Text color={toneColor('ok')}>✓</Text>
            )}
            <Text color={toneColor(row.running ? 'accent' : 'dim')} bold={row.running}>{` ${PHASE_NAMES[row.phase].padEnd(NAME_WIDTH)}`}</Text>
            <Text color={toneColor(row.running ? undefined : 'dim')}>{text}</Text>
            {count ? <Text bold={row.running}>{count}</Text> : null}
            <Text color={toneColor('dim')}>{`${' '.repeat(pad)}${time}`}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
