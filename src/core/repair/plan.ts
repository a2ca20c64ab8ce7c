import type { RepairPlan, Strategy } from '../types.js';
import { checkExhaustive } from '../types.js';
import type { PlanContext } from './context.js';
import { planCreateAll } from './create-all.js';
import { planRerun } from './rerun.js';
import { planSyncLedger } from './sync-ledger.js';

/** A repair plan is inert data, computed before anything runs. */
export function buildPlan(strategy: Strategy, ctx: PlanContext): RepairPlan {
  const picked = pick(strategy, ctx);
  // Steps after COMMIT come last, in order, so a step's number is the same in the preview, the rehearsal and the journal.
  const plan = { ...picked, steps: [...picked.steps.filter((s) => !s.outsideTransaction), ...picked.steps.filter((s) => s.outsideTransaction)] };
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
