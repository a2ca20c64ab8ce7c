import { Box, Text } from 'ink';
import type { Line } from './lines.js';
import { Lines } from './Lines.js';
import { toneColor } from './theme.js';

export interface ViewportProps {
  lines: readonly Line[];
  /** First row shown. */
  offset: number;
  /** Rows of content shown; one more row says where we are when the content is taller. */
  height: number;
  /** How to move, shown on the position line. */
  hint?: string;
}

/** A window on pre-wrapped lines, with a position line when they do not all fit. */
export function Viewport({ lines, offset, height, hint = '↑/↓ PgUp/PgDn to scroll' }: ViewportProps) {
  const visible = lines.slice(offset, offset + height);
  const scrolls = lines.length > height;
  const last = Math.min(lines.length, offset + height);
  return (
    <Box flexDirection="column">
      <Lines lines={visible} />
      {scrolls ? (
        <Text color={toneColor('dim')} wrap="truncate-end">
          {`── rows ${offset + 1}–${last} of ${lines.length}${hint ? ` · ${hint}` : ''} ──`}
        </Text>
      ) : null}
    </Box>
  );
}
