import type { RepairPlan, Strategy } from '../types.js';
import { checkExhaustive } from '../types.js';
import type { PlanContext } from './context.js';
import { planCreateAll } from './create-all.js';
import { planRerun } from './rerun.js';
import { planSyncLedger } from './sync-ledger.js';

/** A repair plan is inert data, computed before anything runs. */
export function buildPlan(strategy: Strategy, ctx: PlanContext): RepairPlan {
  const plan = pick(strategy, ctx);
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
