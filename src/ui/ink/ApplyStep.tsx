import { Box, Text } from 'ink';
import type { PlanStep, RepairPlan } from '../../core/types.js';
import { focusStep, tally, windowStart, type StepStates } from './apply-window.js';
import { plural } from './lines.js';
import { toneColor } from './theme.js';
import { Working } from './Working.js';

export interface ApplyStepProps {
  plan: RepairPlan;
  stepStates: StepStates;
  height: number;
  /** The steps are over and the engine is detecting again. */
  verifying: boolean;
  /** A rehearsal: only the transaction's steps run, then everything is rolled back. */
  rehearsal?: boolean;
  /** How long the repair (or rehearsal) has run, verification included. */
  elapsedMs: number;
  width: number;
}

/** The statement on one line, for a row that is cut to the terminal's width anyway. */
function sqlHead(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

interface StepRowProps {
  step: PlanStep;
  index: number;
  state: StepStates[number] | undefined;
  rehearsal: boolean;
  width: number;
}

/**
 * The parts of a row after its icon, cut here to the width: Ink measures
 * and cuts every string it draws, on every frame, and a long statement made
 * that the repair's main cost on a wide terminal.
 */
export function rowParts(parts: readonly string[], width: number): string[] {
  let room = width;
  return parts.map((part) => {
    const kept = part.length <= room ? part : room > 1 ? `${part.slice(0, room - 1)}…` : '';
    room = Math.max(0, room - kept.length);
    return kept;
  });
}

function StepRow({ step, index, state, rehearsal, width }: StepRowProps) {
  const icon =
    state === 'done' ? (
      <Text color={toneColor('ok')}>✓</Text>
    ) : state === 'failed' ? (
      <Text color={toneColor('danger')}>✗</Text>
    ) : state === 'running' ? (
      // The spinner is on the progress line below; a second one would redraw the frame on its own timer.
      <Text color={toneColor('accent')} bold>
        ›
      </Text>
    ) : (
      <Text color={toneColor('dim')}>·</Text>
    );
  const after = step.outsideTransaction ? (rehearsal ? '  (after COMMIT: not rehearsed)' : '  (after COMMIT)') : '';
  // Several steps can share a reason (a table, then its constraints): the statement tells them apart.
  const [reason = '', phase = '', sql = ''] = rowParts([` ${String(index + 1).padStart(3)}. ${step.reason}`, after, `  ${sqlHead(step.sql)}`], width - 1);
  return (
    <Text wrap="truncate-end">
      {icon}
      <Text color={toneColor(state === undefined ? 'dim' : undefined)}>{reason}</Text>
      {phase ? <Text color={toneColor('dim')}>{phase}</Text> : null}
      {sql ? <Text color={toneColor('dim')}>{sql}</Text> : null}
    </Text>
  );
}

/** What the spinner says: the step running and how far along it is, or the verification. */
export function progressOf(plan: RepairPlan, states: StepStates, verifying: boolean, rehearsal: boolean): string {
  if (verifying) return rehearsal ? 'verifying inside the transaction, then ROLLBACK' : 'verifying: detecting again';
  const running = Object.keys(states)
    .map(Number)
    .filter((i) => states[i] === 'running');
  const at = running.length > 0 ? Math.max(...running) : -1;
  const step = plan.steps[at];
  if (!step) {
    const { done } = tally(states);
    if (done === 0) return 'starting: BEGIN, timeouts, the advisory lock';
    const phase = plan.steps.some((s) => s.outsideTransaction);
    if (!rehearsal && phase && done >= plan.steps.length) return 'committed; verifying again after the steps after COMMIT';
    return rehearsal ? 'verifying inside the transaction, then ROLLBACK' : 'verifying inside the transaction before COMMIT';
  }
  // The count first: a long reason is cut at the end, never the count.
  if (!rehearsal) return `step ${at + 1}/${plan.steps.length} · ${step.reason}`;
  const inside = plan.steps.filter((s) => !s.outsideTransaction);
  return `step ${inside.indexOf(step) + 1}/${inside.length} · ${step.reason}`;
}

function title(plan: RepairPlan, states: StepStates, rehearsal: boolean): string {
  const { done, failed } = tally(states);
  const failedText = failed > 0 ? `, ${failed} failed` : '';
  if (!rehearsal) return `Applying ${plan.strategy}: ${done} of ${plan.steps.length} done${failedText}`;
  const inside = plan.steps.filter((s) => !s.outsideTransaction).length;
  return `Rehearsing ${plan.strategy}: ${done} of ${plural(inside, 'step')} in the transaction done${failedText}, then ROLLBACK`;
}

/** Progress of the repair (or its rehearsal), one row per step, following the running one. */
export function ApplyStep({ plan, stepStates, height, verifying, rehearsal = false, elapsedMs, width }: ApplyStepProps) {
  const progress = progressOf(plan, stepStates, verifying, rehearsal);
  const rows = Math.max(3, height - 5);
  const start = windowStart(focusStep(stepStates), plan.steps.length, rows);
  const visible = plan.steps.slice(start, start + rows);
  const below = plan.steps.length - start - visible.length;
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        {title(plan, stepStates, rehearsal)}
      </Text>
      <Text color={toneColor('dim')}>{start > 0 ? `  … ${plural(start, 'step')} above` : ' '}</Text>
      {visible.map((step, i) => (
        <StepRow key={start + i} step={step} index={start + i} state={stepStates[start + i]} rehearsal={rehearsal} width={width} />
      ))}
      <Text color={toneColor('dim')}>{below > 0 ? `  … ${plural(below, 'more step', 'more steps')}` : ' '}</Text>
      <Working message={progress} ms={elapsedMs} width={width} />
    </Box>
  );
}
