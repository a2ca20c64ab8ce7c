import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Diagnosis, RepairPlan, Strategy } from '../../core/types.js';
import { choosePreamble, optionLines, recommendedStrategy, selectable, strategyOrder } from './choose-lines.js';
import { BLANK, type Line } from './lines.js';
import { revealRow } from './scroll.js';
import { toneColor } from './theme.js';
import { useKeys } from './use-keys.js';
import { Viewport } from './Viewport.js';
import { Working } from './Working.js';

export interface ChooseStepProps {
  diagnosis: Diagnosis;
  /** Null while planning. */
  plans: readonly RepairPlan[] | null;
  /** The strategy chosen before, when coming back from Preview. */
  initial: Strategy | null;
  height: number;
  width: number;
  /** How long planning has taken, while it runs. */
  planningMs: number;
  onChoose: (strategy: Strategy) => void;
}

/** Next selectable position from `from` in direction `step`, or `from` when there is none. */
function nextSelectable(usable: readonly boolean[], from: number, step: 1 | -1): number {
  for (let i = from + step; i >= 0 && i < usable.length; i += step) if (usable[i]) return i;
  return from;
}

/** The three repairs as a menu, the recommended one first. */
export function ChooseStep({ diagnosis, plans, initial, height, width, planningMs, onChoose }: ChooseStepProps) {
  const order = strategyOrder(diagnosis);
  const planFor = (s: Strategy) => plans?.find((p) => p.strategy === s);
  const usable = order.map((s) => selectable(planFor(s)));
  const start = initial && usable[order.indexOf(initial)] ? order.indexOf(initial) : usable.indexOf(true);
  const [picked, setPicked] = useState<number | null>(null);
  const selected = picked ?? start;
  useKeys((_input, key) => {
    if (!plans || selected < 0) return;
    if (key.upArrow) setPicked(nextSelectable(usable, selected, -1));
    else if (key.downArrow) setPicked(nextSelectable(usable, selected, 1));
    else if (key.return) {
      const strategy = order[selected];
      if (strategy) onChoose(strategy);
    }
  });
  if (!plans) return <Working message="Planning the three repairs (nothing runs yet)…" ms={planningMs} width={width} />;
  const recommended = recommendedStrategy(diagnosis);
  const lines: Line[] = [...choosePreamble(diagnosis, width)];
  const blocks: { first: number; last: number }[] = [];
  order.forEach((s, i) => {
    if (i > 0) lines.push(BLANK);
    const first = lines.length;
    lines.push(...optionLines(s, planFor(s), { selected: i === selected, recommended: s === recommended, width }));
    blocks.push({ first, last: lines.length - 1 });
  });
  const view = { total: lines.length, height: Math.max(3, height - 3) };
  const block = blocks[selected];
  // The view follows the selection (its whole block when it fits, always its first row);
  // past the last selectable option it shows the refused ones below, which ↓ cannot reach.
  const lastRow = nextSelectable(usable, selected, 1) === selected ? lines.length - 1 : (block?.last ?? 0);
  const offset = block ? revealRow(block.first, revealRow(lastRow, 0, view), view) : 0;
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        Choose a repair
      </Text>
      <Box marginBottom={1} />
      <Viewport lines={lines} offset={offset} height={view.height} hint="↑/↓ moves through the repairs" />
      {selected < 0 ? (
        <Box marginTop={1}>
          <Text color={toneColor('danger')}>No strategy can repair this database: nothing will be changed (q quits).</Text>
        </Box>
      ) : null}
    </Box>
  );
}
