import type { PlanStep, RepairPlan } from '../../core/types.js';
import { sqlLines } from './highlight-sql.js';
import { stepTag, strategyTitle } from './labels.js';
import { BLANK, isWide, line, paragraph, plural, sideBySide, type Line, type Span } from './lines.js';

const INDENT = '     ';

/** A plan step with its 1-based number in the plan, as Apply counts it. */
interface Numbered {
  step: PlanStep;
  number: number;
}

/** Why the step is there and what it locks, in `width` columns. */
function aboutLines({ step, number }: Numbered, width: number): Line[] {
  const label = `${String(number).padStart(3)}. `;
  const lead: Span[] = [{ text: label, tone: 'accent', bold: true }];
  return [
    ...paragraph(step.reason, { width, lead, bold: true }),
    ...paragraph(`${stepTag(step)} · locks ${step.locks || 'nothing'}`, { width, lead: [{ text: INDENT }], tone: 'dim' }),
  ];
}

/**
 * One step: why and what it locks, then its SQL. On a wide terminal the why
 * and the locks form a left column and the SQL stands beside them, with what
 * kind of step it is under it: the reasons can be scanned down the left.
 */
function stepLines(numbered: Numbered, width: number): Line[] {
  const { step, number } = numbered;
  if (!isWide(width)) return [...aboutLines(numbered, width), ...sqlLines(step.sql, width, [{ text: INDENT }]), BLANK];
  const left = Math.min(72, Math.floor(width * 0.45));
  const right = width - left - 2;
  const why = [
    ...paragraph(step.reason, { width: left, lead: [{ text: `${String(number).padStart(3)}. `, tone: 'accent', bold: true }], bold: true }),
    ...paragraph(`locks ${step.locks || 'nothing'}`, { width: left, lead: [{ text: INDENT }], tone: 'dim' }),
  ];
  const sql = [...sqlLines(step.sql, right), ...paragraph(stepTag(step), { width: right, tone: 'dim' })];
  return [...sideBySide(why, sql, left), BLANK];
}

const RECONCILED_WHY =
  'As written, these statements would collide with objects that already exist; the plan keeps the existing object and creates only its missing parts.';

/** What the plan will not do (needs a human), then the collisions it foresaw and works around. */
function noticeLines(plan: RepairPlan, width: number): Line[] {
  const lines: Line[] = [];
  const lead: Span[] = [{ text: '   ' }];
  if (plan.needsHuman.length > 0) {
    lines.push(line(`⚠ Needs a human (${plan.needsHuman.length}): drift-doctor will not change these`, 'warn', true));
    for (const item of plan.needsHuman) lines.push(...paragraph(`${item.object}: ${item.reason}`, { width, lead, tone: 'warn' }));
  }
  if (plan.conflicts.length > 0) {
    // Foreseen before anything runs and already worked around by the plan: not a failure to come.
    lines.push(line(`Foreseen conflicts, reconciled (${plan.conflicts.length})`, 'warn', true));
    lines.push(...paragraph(RECONCILED_WHY, { width, lead, tone: 'dim' }));
    for (const c of plan.conflicts) {
      lines.push(...paragraph(`${c.migration}: ${c.problem}`, { width, lead }));
      lines.push(...paragraph(c.statement, { width, lead: [{ text: '     ' }], tone: 'dim' }));
    }
  }
  return lines.length > 0 ? [...lines, BLANK] : [];
}

interface Section {
  title: string;
  /** Why the steps are grouped so, in one sentence. */
  why: string;
}

/** Titles the Preview, the Confirm and the rehearsal share. */
export const IN_TRANSACTION: Section = {
  title: 'In one transaction',
  why: 'All or nothing: verified before COMMIT, and any error or failed check rolls every step back.',
};

export const AFTER_COMMIT: Section = {
  title: 'After COMMIT — non-transactional phase (idempotent, resumable)',
  why:
    'CREATE INDEX CONCURRENTLY and REINDEX … CONCURRENTLY cannot run inside a transaction, so these run one by one ' +
    'after it commits; each is safe to run twice, so if one fails, running the repair again resumes here.',
};

function section({ title, why }: Section, steps: readonly Numbered[], width: number): Line[] {
  if (steps.length === 0) return [];
  return [
    ...paragraph(`${title} · ${plural(steps.length, 'step')}`, { width, tone: 'heading', bold: true }),
    ...paragraph(why, { width, tone: 'dim' }),
    BLANK,
    ...steps.flatMap((s) => stepLines(s, width)),
  ];
}

/** The dry run as lines: what needs a human and the foreseen conflicts first, then the steps in the transaction, then those after commit. */
export function previewLines(plan: RepairPlan, width: number): Line[] {
  const numbered = plan.steps.map((step, i) => ({ step, number: i + 1 }));
  const inside = numbered.filter((n) => !n.step.outsideTransaction);
  const after = numbered.filter((n) => n.step.outsideTransaction);
  const lines: Line[] = [
    ...paragraph(strategyTitle(plan.strategy), { width, lead: [{ text: `${plan.strategy}: `, tone: 'accent', bold: true }], bold: true }),
    ...paragraph(plan.consequence, { width }),
    BLANK,
    ...noticeLines(plan, width),
  ];
  if (plan.steps.length === 0) return [...lines, line('This plan has nothing to run.', 'warn')];
  return [...lines, ...section(IN_TRANSACTION, inside, width), ...section(AFTER_COMMIT, after, width)];
}
