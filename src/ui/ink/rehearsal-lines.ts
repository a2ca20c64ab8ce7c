import type { ApplyResult, PlanStep, RepairPlan, StepTiming } from '../../core/types.js';
import { AFTER_COMMIT } from './preview-lines.js';
import { BLANK, line, paragraph, plural, type Line } from './lines.js';
import { checkLines, noteLines } from './verify-lines.js';

/** `850 ms`, `1.9 s`. */
export function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Table lock modes, weakest first (PostgreSQL's conflict table order). */
const MODES = ['ACCESS SHARE', 'ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'];

/** `MODE on a and b (qualifier)`, as plan steps state their locks. */
const LOCK = /^([A-Z][A-Z ]*?) on (.+?)(?: \(.*\))?$/;
const NEW_TABLE = /^new table (\S+)/;

/** The steps the rehearsal ran, in order, with their timings (the failed one last). */
function stepsRun(plan: RepairPlan, result: ApplyResult): StepTiming[] {
  if (result.stepTimings) return result.stepTimings;
  // Without timings: the transaction's steps, as many as ran.
  return plan.steps
    .map((step, index) => ({ step, index }))
    .filter(({ step }) => !step.outsideTransaction)
    .slice(0, result.stepsRun)
    .map(({ index }) => ({ index, durationMs: 0, ok: true }));
}

/** A table's modes by the step that first took each, keeping only modes stronger than one already held. */
type Held = Map<string, number>;

function hold(held: Held, mode: string, index: number): void {
  const strongest = Math.max(-1, ...[...held.keys()].map((m) => MODES.indexOf(m)));
  if (MODES.indexOf(mode) > strongest) held.set(mode, index);
}

/**
 * The distinct locks the rehearsal took, grouped where other sessions feel
 * them: per table that existed before, each mode from the step that first took
 * it and how long it was held at most (a lock lasts until the transaction
 * ends). Locks on what the plan creates are only counted: no other session
 * sees those objects before COMMIT.
 */
export function lockLines(plan: RepairPlan, result: ApplyResult, width: number): Line[] {
  const ran = stepsRun(plan, result);
  const created = new Set(plan.steps.map((s) => NEW_TABLE.exec(s.locks)?.[1]).filter((t): t is string => t !== undefined));
  const tables = new Map<string, Held>();
  const other = new Map<string, number>();
  let onNewOnly = 0;
  let elapsed = 0;
  const startOf = new Map<number, number>();
  for (const t of ran) {
    startOf.set(t.index, elapsed);
    elapsed += t.durationMs;
  }
  for (const { index } of ran) {
    // A step after COMMIT held its locks only while it ran, not until the transaction ended.
    if (plan.steps[index]?.outsideTransaction) continue;
    const locks = plan.steps[index]?.locks.trim() ?? '';
    if (locks === '' || NEW_TABLE.test(locks) || /^none\b/.test(locks)) {
      onNewOnly += 1;
      continue;
    }
    const match = LOCK.exec(locks);
    const targets = match?.[2]?.split(' and ');
    const mode = match?.[1];
    if (!mode || !targets || !MODES.includes(mode) || !targets.every((x) => /^[\w$".]+$/.test(x))) {
      if (!other.has(locks)) other.set(locks, index);
      continue;
    }
    const existing = targets.filter((x) => !created.has(x));
    if (existing.length === 0) onNewOnly += 1;
    for (const table of existing) {
      const held = tables.get(table) ?? new Map<string, number>();
      hold(held, mode, index);
      tables.set(table, held);
    }
  }
  const heldFor = (index: number) => (result.stepTimings ? `, held ≤ ${duration(Math.max(0, result.durationMs - (startOf.get(index) ?? 0)))}` : '');
  const pad = Math.max(0, ...[...tables.keys()].map((t) => t.length)) + 2;
  return [
    ...paragraph('the drift-doctor advisory lock on this database and ledger (one repair at a time)', { width, lead: [{ text: '  ' }] }),
    // One row per mode, so a table locked twice reads as two rows rather than one that wraps mid-phrase.
    ...[...tables].flatMap(([table, held]) =>
      [...held].flatMap(([mode, i], row) =>
        paragraph(`${mode} from step ${i + 1}${heldFor(i)}`, {
          width,
          lead: [{ text: '  ' }, { text: (row === 0 ? table : '').padEnd(pad), bold: true }],
        }),
      ),
    ),
    ...[...other].flatMap(([locks, i]) => paragraph(`${locks} (from step ${i + 1})`, { width, lead: [{ text: '  ' }] })),
    ...(onNewOnly > 0
      ? paragraph(`${plural(onNewOnly, 'step locks', 'steps lock')} only objects the plan creates (no other session sees them before COMMIT)`, {
          width,
          lead: [{ text: '  ' }],
          tone: 'dim',
        })
      : []),
  ];
}

/**
 * The three slowest steps, slowest first, one row each (cut at the width):
 * the reason, then the statement, since several steps share a reason.
 */
export function slowestLines(plan: RepairPlan, timings: readonly StepTiming[]): Line[] {
  const slowest = [...timings].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
  return slowest.map((t) => {
    const step: PlanStep | undefined = plan.steps[t.index];
    return [
      { text: `  ${duration(t.durationMs).padStart(8)}  ` },
      { text: `${String(t.index + 1).padStart(3)}. `, tone: 'accent', bold: true },
      { text: step?.reason ?? '', tone: t.ok ? undefined : 'danger' },
      { text: step ? `  ${step.sql.replace(/\s+/g, ' ').trim()}` : '', tone: 'dim' },
    ];
  });
}

/** What went wrong, when the rehearsal did not work. */
function failureLines(plan: RepairPlan, result: ApplyResult, width: number): Line[] {
  const lead = [{ text: '  ' }];
  const at = result.failedStep ? plan.steps.indexOf(result.failedStep) : -1;
  const where = result.failedStep
    ? [...paragraph(`step ${at + 1} failed: ${result.failedStep.reason}`, { width, lead, tone: 'danger', bold: true })]
    : [];
  return [
    line('What failed', 'heading', true),
    ...where,
    ...paragraph(result.error ?? 'verification failed', { width, lead, tone: 'danger' }),
    BLANK,
  ];
}

/** The rehearsal's result above its verdict: what failed, verification, timings, locks, and what it could not cover. */
export function rehearsalLines(plan: RepairPlan, result: ApplyResult, width: number): Line[] {
  const timings = result.stepTimings ?? [];
  const phase = plan.steps.filter((s) => s.outsideTransaction).length;
  const lines: Line[] = result.ok ? [] : failureLines(plan, result, width);
  if (result.verify) {
    lines.push(line('Verification, inside the transaction before the rollback', 'heading', true), ...checkLines(result.verify, width), BLANK);
  }
  if (timings.length > 0) {
    lines.push(line(`Slowest steps (${plural(timings.length, 'step')} ran)`, 'heading', true), ...slowestLines(plan, timings), BLANK);
  }
  lines.push(line('Locks taken, each held from its step until the transaction ended', 'heading', true), ...lockLines(plan, result, width), BLANK);
  if (phase > 0) {
    lines.push(
      ...paragraph(`${AFTER_COMMIT.title}: ${plural(phase, 'step')} not rehearsed — ${phase === 1 ? 'it runs' : 'they run'} only after a real COMMIT.`, {
        width,
        tone: 'warn',
      }),
      BLANK,
    );
  }
  lines.push(...noteLines(result.notes, width));
  return lines;
}

/** The verdict, always in view: it starts `this plan works on this database` only when the rehearsal verified. */
export function rehearsalVerdict(result: ApplyResult): string {
  if (!result.ok) return 'this plan does not work on this database: the repair would fail the same way';
  return `this plan works on this database: ${plural(result.stepsRun, 'step')} ran and verified in ${duration(result.durationMs)}`;
}

/** Said under the verdict whatever it was. */
export const NOTHING_KEPT = 'nothing was kept: the transaction was rolled back';

/**
 * What `d` adds on the end screen: the slowest steps, the locks the repair
 * held until COMMIT, and what the plan left for a human.
 */
export function repairDetailLines(plan: RepairPlan, result: ApplyResult, width: number): Line[] {
  const timings = result.stepTimings ?? [];
  const lines: Line[] = [];
  if (timings.length > 0) lines.push(line(`Slowest steps (${plural(timings.length, 'step')} ran)`, 'heading', true), ...slowestLines(plan, timings), BLANK);
  else lines.push(line('No step timings were recorded for this repair.', 'dim'), BLANK);
  lines.push(line('Locks taken, each held from its step until the transaction ended', 'heading', true), ...lockLines(plan, result, width), BLANK);
  if (plan.needsHuman.length > 0) {
    lines.push(line(`Left for a human (${plan.needsHuman.length}): the repair did not change these`, 'warn', true));
    for (const item of plan.needsHuman) lines.push(...paragraph(`${item.object}: ${item.reason}`, { width, lead: [{ text: '  ' }], tone: 'warn' }));
    lines.push(BLANK);
  }
  return lines;
}
