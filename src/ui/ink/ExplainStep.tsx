import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Diagnosis } from '../../core/types.js';
import { explainLines } from './explain-lines.js';
import { clampOffset, revealRow, scrollKey } from './scroll.js';
import { toneColor } from './theme.js';
import { useKeys } from './use-keys.js';
import { Viewport } from './Viewport.js';

export interface ExplainStepProps {
  diagnosis: Diagnosis;
  height: number;
  width: number;
  /** Every cause open, each evidence item with its collector, weight and objects. */
  details: boolean;
  /** Not called while the diagnosis refuses repairs. */
  onContinue: () => void;
}

function toggle(set: ReadonlySet<number>, i: number): Set<number> {
  const next = new Set(set);
  if (next.has(i)) next.delete(i);
  else next.add(i);
  return next;
}

/** Ranked causes with their evidence; the top one open. */
export function ExplainStep({ diagnosis, height, width, details, onContinue }: ExplainStepProps) {
  const [selected, setSelected] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set([0]));
  // Null follows the selection; PgUp/PgDn/Home/End scroll freely (a long block, all the evidence) until ↑/↓ selects again.
  const [scrolled, setScrolled] = useState<number | null>(null);
  const bodyHeight = Math.max(3, height - 3);
  const layout = explainLines(diagnosis, { selected, expanded, width, details });
  const count = layout.blocks.length;
  const view = { total: layout.lines.length, height: bodyHeight };
  // The view follows the selection: its whole block when it fits, and always its first row.
  const block = layout.blocks[selected];
  const follow = block ? revealRow(block.first, revealRow(block.last, 0, view), view) : 0;
  const shown = scrolled === null ? follow : clampOffset(scrolled, view.total, view.height);
  const select = (next: (s: number) => number) => {
    setSelected(next);
    setScrolled(null);
  };
  useKeys((input, key) => {
    if (key.return) {
      if (!diagnosis.refusal) onContinue();
    } else if (key.upArrow) select((s) => Math.max(0, s - 1));
    else if (key.downArrow) select((s) => Math.min(Math.max(0, count - 1), s + 1));
    else if (input === ' ' || key.rightArrow) setExpanded((e) => toggle(e, selected));
    else if (key.leftArrow) setExpanded((e) => new Set([...e].filter((i) => i !== selected)));
    else if (key.pageUp || key.pageDown || key.home || key.end) {
      const next = scrollKey(key, shown, view);
      if (next !== null) setScrolled(next);
    }
  });
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        Why they disagree, most likely first
      </Text>
      <Box marginBottom={1} />
      <Viewport lines={layout.lines} offset={shown} height={bodyHeight} hint="↑/↓ moves through the causes · PgUp/PgDn scroll" />
    </Box>
  );
}
