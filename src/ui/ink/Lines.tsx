import { Box, Text } from 'ink';
import type { Line } from './lines.js';
import { toneColor } from './theme.js';

export interface LinesProps {
  lines: readonly Line[];
}

/** Renders pre-wrapped lines, one terminal row each. */
export function Lines({ lines }: LinesProps) {
  return (
    <Box flexDirection="column">
      {lines.map((spans, row) => (
        <Text key={row} wrap="truncate-end">
          {spans.length === 0 || (spans.length === 1 && spans[0]?.text === '') ? ' ' : null}
          {spans.map((span, i) => (
            <Text key={i} color={toneColor(span.tone)} bold={span.bold} inverse={span.inverse}>
              {span.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
