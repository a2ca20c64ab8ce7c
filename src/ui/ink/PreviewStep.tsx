import { useState } from 'react';
import { Box, Text } from 'ink';
import type { RepairPlan } from '../../core/types.js';
import { previewLines } from './preview-lines.js';
import { clampOffset, scrollKey } from './scroll.js';
import { toneColor } from './theme.js';
import { useKeys } from './use-keys.js';
import { Viewport } from './Viewport.js';

export interface PreviewStepProps {
  plan: RepairPlan;
  height: number;
  width: number;
  /** Not called for a plan with no steps. */
  onContinue: () => void;
}

/** The dry run: every statement in order, with why it is there and what it locks. */
export function PreviewStep({ plan, height, width, onContinue }: PreviewStepProps) {
  const [offset, setOffset] = useState(0);
  const lines = previewLines(plan, width);
  const view = { total: lines.length, height: Math.max(3, height - 3) };
  const shown = clampOffset(offset, view.total, view.height);
  useKeys((_input, key) => {
    if (key.return) {
      if (plan.steps.length > 0) onContinue();
      return;
    }
    const next = scrollKey(key, shown, view);
    if (next !== null) setOffset(next);
  });
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        Dry run: nothing has run yet
      </Text>
      <Box marginBottom={1} />
      <Viewport lines={lines} offset={shown} height={view.height} />
    </Box>
  );
}
