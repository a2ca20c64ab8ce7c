import { Box, Text } from 'ink';
import { hintRows, type Hints } from './key-hints.js';
import { toneColor } from './theme.js';

export interface KeyHintsProps {
  hints: Hints;
  width: number;
}

/** The footer: which keys work on this screen. Always shown; rows break between hints. */
export function KeyHints({ hints, width }: KeyHintsProps) {
  return (
    <Box flexDirection="column">
      {hintRows(hints, width).map((row, r) => (
        <Text key={r}>
          {row.map((hint, i) => (
            <Text key={hint.keys}>
              {i > 0 ? <Text color={toneColor('dim')}>{' · '}</Text> : null}
              <Text color={toneColor('accent')} bold>
                {hint.keys}
              </Text>
              <Text color={toneColor('dim')}>{` ${hint.action}`}</Text>
            </Text>
          ))}
        </Text>
      ))}
      {hints.note ? <Text color={toneColor('warn')}>{hints.note}</Text> : null}
    </Box>
  );
}
