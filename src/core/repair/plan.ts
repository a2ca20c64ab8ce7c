import type { PlanStep, RepairPlan, Strategy } from '../types.js';
import { checkExhaustive } from '../types.js';
import type { PlanContext } from './context.js';
import { planCreateAll } from './create-all.js';
import { planRerun } from './rerun.js';
import { planSyncLedger } from './sync-ledger.js';

/** A repair plan is inert data, computed before anything runs. */
export function buildPlan(strategy: Strategy, ctx: PlanContext): RepairPlan {
  const picked = pick(strategy, ctx);
  // Steps after COMMIT come last, in order, so a step's number is the same in the preview, the rehearsal and the journal.
  const plan = { ...picked, steps: locksOnNewTables([...picked.steps.filter((s) => !s.outsideTransaction), ...picked.steps.filter((s) => s.outsideTransaction)]) };
  if (ctx.diagnosis.refusal) return { ...plan, applicable: false, refusal: ctx.diagnosis.refusal, steps: [] };
  return plan;
}

function pick(strategy: Strategy, ctx: PlanContext): RepairPlan {
  switch (strategy) {
    case 'create-all': return planCreateAll(ctx);
    case 'rerun': return planRerun(ctx);
    case 'sync-ledger': return planSyncLedger(ctx);
    default: return checkExhaustive(strategy);
  }
}

/**
 * A lock on a table this plan creates earlier in the same transaction blocks
 * no one: no other session sees the table before COMMIT. Say so, rather than
 * "blocks writes while it builds".
 */
function locksOnNewTables(steps: PlanStep[]): PlanStep[] {
  const created = new Set<string>();
  return steps.map((step) => {
    const made = /^new table (\S+) /.exec(step.locks)?.[1];
    if (made) created.add(made);
    if (made || step.outsideTransaction) return step;
    const m = /^([A-Z][A-Z ]*?) on (\S+?)(?: and (\S+?))?(?: \(.*\))?$/.exec(step.locks);
    const tables = m ? [m[2]!, ...(m[3] ? [m[3]] : [])] : [];
    if (!m || !tables.every((t) => created.has(t))) return step;
    return { ...step, locks: `${m[1]} on ${tables.join(' and ')} (created by this plan: no other session sees it before COMMIT)` };
  });
}
