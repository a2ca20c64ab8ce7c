import { useState } from 'react';
import { Box, Text } from 'ink';
import type { ApplyResult, RepairPlan } from '../../core/types.js';
import { splitSentence } from './labels.js';
import { paragraph, plural } from './lines.js';
import { Lines } from './Lines.js';
import { duration } from './rehearsal-lines.js';
import { toneColor } from './theme.js';
import { editTyped } from './typed-text.js';
import { useKeys } from './use-keys.js';

export interface ConfirmStepProps {
  /** The name the operator must type. */
  database: string;
  plan: RepairPlan;
  /** This plan's rehearsal, when one ran. */
  rehearsal: ApplyResult | null;
  width: number;
  onConfirm: () => void;
}

/** The operator types the database's name before anything is changed. */
export function ConfirmStep({ database, plan, rehearsal, width, onConfirm }: ConfirmStepProps) {
  const [typed, setTyped] = useState('');
  const [wrong, setWrong] = useState<string | null>(null);
  useKeys((input, key) => {
    if (key.return) {
      if (typed === database) onConfirm();
      else setWrong(typed);
      return;
    }
    setTyped((t) => editTyped(t, input, key));
    // The complaint was about what was typed before; once the operator edits, it no longer applies.
    setWrong(null);
  });
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        Confirm
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Text>
          {`This runs ${plural(plan.steps.length, 'step')} of `}
          <Text color={toneColor('accent')} bold>
            {plan.strategy}
          </Text>
          {' on '}
          <Text bold>{database}</Text>
          {':'}
        </Text>
        {/* Pre-wrapped: Ink's own wrap of this long sentence left a space at the start of its second row. */}
        <Lines lines={paragraph(splitSentence(plan), { width, lead: [{ text: '  ' }] })} />
        {rehearsal?.ok ? (
          <Text color={toneColor('ok')}>{`A rehearsal of this plan worked on this database (${duration(rehearsal.durationMs)}) and was rolled back.`}</Text>
        ) : null}
        <Text>Nothing has changed yet. Once it starts, the repair cannot be interrupted from here.</Text>
      </Box>
      <Box marginTop={1}>
        <Text>
          {'Type the database name ('}
          <Text bold>{database}</Text>
          {') to apply: '}
          <Text color={toneColor('accent')}>{typed}</Text>
          <Text inverse> </Text>
        </Text>
      </Box>
      {wrong !== null ? (
        <Text color={toneColor('danger')}>
          {`"${wrong}" is not the name of this database. Type ${database} exactly, or Esc to go back.`}
        </Text>
      ) : null}
    </Box>
  );
}
