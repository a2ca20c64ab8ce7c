import type { ApplyProgress } from '../../core/types.js';

/** Step states by plan index, as reported by the engine. */
export type StepStates = Readonly<Record<number, ApplyProgress['state']>>;

/** The step to keep in view: the failed one, else the last one reported. */
export function focusStep(states: StepStates): number {
  const indexes = Object.keys(states).map(Number);
  const failed = indexes.find((i) => states[i] === 'failed');
  if (failed !== undefined) return failed;
  return indexes.length === 0 ? 0 : Math.max(...indexes);
}

/** First index of a window of `height` steps out of `total` that shows `focus`, a little ahead of it. */
export function windowStart(focus: number, total: number, height: number): number {
  if (total <= height) return 0;
  const lookahead = Math.min(2, Math.floor(height / 3));
  return Math.max(0, Math.min(total - height, focus - height + 1 + lookahead));
}

/** How many steps have each state. */
export function tally(states: StepStates): { done: number; failed: number } {
  const values = Object.values(states);
  return { done: values.filter((s) => s === 'done').length, failed: values.filter((s) => s === 'failed').length };
}
