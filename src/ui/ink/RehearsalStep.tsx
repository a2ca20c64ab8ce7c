import { useState } from 'react';
import { Box, Text } from 'ink';
import type { ApplyResult, RepairPlan } from '../../core/types.js';
import { paragraph } from './lines.js';
import { Lines } from './Lines.js';
import { NOTHING_KEPT, rehearsalLines, rehearsalVerdict } from './rehearsal-lines.js';
import { clampOffset, scrollKey } from './scroll.js';
import { toneColor } from './theme.js';
import { useKeys } from './use-keys.js';
import { Viewport } from './Viewport.js';

export interface RehearsalStepProps {
  plan: RepairPlan;
  result: ApplyResult;
  height: number;
  width: number;
  /** Enter, only offered when the rehearsal worked. */
  onContinue: () => void;
}

/** What the rehearsal proved (or where it failed), with the verdict and "nothing was kept" always in view. */
export function RehearsalStep({ plan, result, height, width, onContinue }: RehearsalStepProps) {
  const [offset, setOffset] = useState(0);
  const verdict = [
    ...paragraph(rehearsalVerdict(result), { width, tone: result.ok ? 'ok' : 'danger', bold: true }),
    ...paragraph(NOTHING_KEPT, { width }),
  ];
  const lines = rehearsalLines(plan, result, width);
  const view = { total: lines.length, height: Math.max(3, height - verdict.length - 3) };
  const shown = clampOffset(offset, view.total, view.height);
  useKeys((_input, key) => {
    if (key.return) {
      if (result.ok) onContinue();
      return;
    }
    const next = scrollKey(key, shown, view);
    if (next !== null) setOffset(next);
  });
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold wrap="truncate-end">
        {`Rehearsal of ${plan.strategy}: ${result.ok ? 'ran, verified, rolled back' : 'failed, rolled back'}`}
      </Text>
      <Box marginBottom={1} />
      <Viewport lines={lines} offset={shown} height={view.height} />
      <Lines lines={verdict} />
    </Box>
  );
}
