import { useState } from 'react';
import { Box, Text } from 'ink';
import type { ApplyResult, RepairPlan, VerifyResult } from '../../core/types.js';
import { paragraph } from './lines.js';
import { Lines } from './Lines.js';
import { clampOffset, scrollKey } from './scroll.js';
import { toneColor } from './theme.js';
import { useKeys } from './use-keys.js';
import { repairDetailLines } from './rehearsal-lines.js';
import { verdictLine, verifyLines } from './verify-lines.js';
import { Viewport } from './Viewport.js';

export interface VerifyStepProps {
  verify: VerifyResult;
  /** Null when verification was not preceded by a repair. */
  applyResult: ApplyResult | null;
  /** The plan that ran, for the details. */
  plan: RepairPlan | null;
  /** The slowest steps, the locks held and what was left for a human, under the checks. */
  details: boolean;
  height: number;
  width: number;
}

/** Each check, the counts before and after, and the verdict on the last line. */
export function VerifyStep({ verify, applyResult, plan, details, height, width }: VerifyStepProps) {
  const [offset, setOffset] = useState(0);
  const verdict = paragraph(verdictLine(verify, applyResult), { width, tone: verify.ok ? 'ok' : 'danger', bold: true });
  const lines = [...verifyLines(verify, applyResult, width), ...(details && plan && applyResult ? repairDetailLines(plan, applyResult, width) : [])];
  const view = { total: lines.length, height: Math.max(3, height - verdict.length - 3) };
  const shown = clampOffset(offset, view.total, view.height);
  useKeys((_input, key) => {
    const next = scrollKey(key, shown, view);
    if (next !== null) setOffset(next);
  });
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        Verify: detected again after the repair
      </Text>
      <Box marginBottom={1} />
      <Viewport lines={lines} offset={shown} height={view.height} />
      <Lines lines={verdict} />
    </Box>
  );
}
