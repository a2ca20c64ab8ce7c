import { Box, Text } from 'ink';
import type { Hints } from './key-hints.js';
import { toneColor } from './theme.js';

export interface KeyHintsProps {
  hints: Hints;
}

/** The footer: which keys work on this screen. Always shown. */
export function KeyHints({ hints }: KeyHintsProps) {
  return (
    <Box flexDirection="column">
      {hints.keys.length > 0 ? (
        <Text>
          {hints.keys.map((hint, i) => (
            <Text key={hint.keys}>
              {i > 0 ? <Text color={toneColor('dim')}>{' · '}</Text> : null}
              <Text color={toneColor('accent')} bold>
                {hint.keys}
              </Text>
              <Text color={toneColor('dim')}>{` ${hint.action}`}</Text>
            </Text>
          ))}
        </Text>
      ) : null}
      {hints.note ? <Text color={toneColor('warn')}>{hints.note}</Text> : null}
    </Box>
  );
}
