import { useState } from 'react';
import { Box, Text } from 'ink';
import type { RepairPlan } from '../../core/types.js';
import { paragraph } from './lines.js';
import { Lines } from './Lines.js';
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
  /** `r`: run the plan and its verification, then roll back. Not called for a plan with no steps. */
  onRehearse: () => void;
}

/** What `r` does, shown after the key above the steps; the after-COMMIT phase only ever runs after a real commit. */
export function rehearseLine(plan: RepairPlan): string {
  const phase = plan.steps.some((s) => s.outsideTransaction) ? ' (the after-COMMIT phase is not part of it)' : '';
  return `rehearse: run the whole plan and its verification on this database, then roll back${phase}`;
}

/** The dry run: every statement in order, with why it is there and what it locks. */
export function PreviewStep({ plan, height, width, onContinue, onRehearse }: PreviewStepProps) {
  const [offset, setOffset] = useState(0);
  const runnable = plan.steps.length > 0;
  const rehearse = runnable ? paragraph(rehearseLine(plan), { width, lead: [{ text: 'r ', tone: 'accent', bold: true }] }) : [];
  const lines = previewLines(plan, width);
  const view = { total: lines.length, height: Math.max(3, height - 3 - rehearse.length) };
  const shown = clampOffset(offset, view.total, view.height);
  useKeys((input, key) => {
    if (key.return || input === 'r') {
      if (!runnable) return;
      if (key.return) onContinue();
      else onRehearse();
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
      <Lines lines={rehearse} />
      <Box marginBottom={1} />
      <Viewport lines={lines} offset={shown} height={view.height} />
    </Box>
  );
}
