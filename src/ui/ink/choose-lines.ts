import type { Diagnosis, RepairPlan, Strategy } from '../../core/types.js';
import { STRATEGIES, strategyTitle } from './labels.js';
import { BLANK, paragraph, plural, type Line, type Span } from './lines.js';

const width = (spans: readonly Span[]) => spans.reduce((n, s) => n + s.text.length, 0);

/** The strategy to mark as recommended: none when the verdict is unknown. */
export function recommendedStrategy(diagnosis: Diagnosis): Strategy | null {
  return diagnosis.verdict === 'unknown' ? null : diagnosis.recommended;
}

/** Strategies in menu order: the recommended one first, the others in their fixed order. */
export function strategyOrder(diagnosis: Diagnosis): Strategy[] {
  const first = recommendedStrategy(diagnosis);
  return first ? [first, ...STRATEGIES.filter((s) => s !== first)] : [...STRATEGIES];
}

/** Whether the operator may pick this plan. */
export function selectable(plan: RepairPlan | undefined): boolean {
  return plan !== undefined && plan.applicable;
}

/** What the operator is told before the menu. */
export function choosePreamble(diagnosis: Diagnosis, width: number): Line[] {
  if (diagnosis.verdict === 'unknown') {
    return [
      ...paragraph("The evidence doesn't separate the causes, so there is no recommendation: you must choose.", { width, tone: 'warn' }),
      BLANK,
    ];
  }
  if (!diagnosis.recommended) {
    return [...paragraph('No strategy is recommended for this case: choose with care.', { width, tone: 'warn' }), BLANK];
  }
  return [];
}

/**
 * What the plan leaves to a human (a warning: the plan does not do it) and the
 * conflicts it foresaw (not a warning: the plan already works around them).
 */
function notes(plan: RepairPlan, columns: number, lead: Span[]): Line[] {
  const lines: Line[] = [];
  if (plan.needsHuman.length > 0) {
    lines.push(...paragraph(`⚠ ${plural(plan.needsHuman.length, 'difference')} left for a human`, { width: columns, lead, tone: 'warn' }));
  }
  if (plan.conflicts.length > 0) {
    lines.push(...paragraph(reconciledSentence(plan.conflicts.length), { width: columns, lead, tone: 'dim' }));
  }
  return lines;
}

/** `1 conflict foreseen and reconciled (…)`: an existing object a statement would have collided with. */
function reconciledSentence(count: number): string {
  const kept = count === 1 ? 'the existing object is kept' : 'the existing objects are kept';
  return `${plural(count, 'conflict')} foreseen and reconciled (${kept}, only missing parts are added)`;
}

export interface OptionView {
  selected: boolean;
  recommended: boolean;
  width: number;
}

/** One menu entry: the strategy, its consequence here, and why it is refused when it is. */
export function optionLines(strategy: Strategy, plan: RepairPlan | undefined, view: OptionView): Line[] {
  const usable = selectable(plan);
  const tags: Span[] = [
    ...(view.recommended ? [{ text: '(recommended)  ', tone: 'ok' as const, bold: true }] : []),
    ...(plan && !plan.applicable ? [{ text: '(not applicable)  ', tone: 'dim' as const }] : []),
  ];
  const title: Span = { text: strategyTitle(strategy), tone: usable ? undefined : 'dim', bold: view.selected };
  const head: Span[] = [
    { text: view.selected ? '❯ ' : '  ', tone: 'accent', bold: true },
    { text: strategy.padEnd(13), tone: usable ? 'accent' : 'dim', bold: usable },
    ...tags,
  ];
  const lead = [{ text: '    ' }];
  // The tags must never be cut off: the title moves to its own row when the head is too long.
  const fits = width(head) + title.text.length <= view.width;
  const lines: Line[] = fits ? [[...head, title]] : [head, ...paragraph(title.text, { width: view.width, lead, tone: title.tone })];
  if (!plan) return [...lines, ...paragraph('planning…', { width: view.width, lead, tone: 'dim' })];
  // For a refused plan the reason matters more than what it would have done.
  if (!plan.applicable) {
    return [...lines, ...paragraph(`refused: ${plan.refusal ?? 'not applicable here'}`, { width: view.width, lead, tone: 'dim' })];
  }
  return [...lines, ...paragraph(plan.consequence, { width: view.width, lead }), ...notes(plan, view.width, lead)];
}
