import type { PlanStep, RepairPlan } from '../types.js';
import { ledgerShapeSteps, recordStep, recordedAfterShape, unrecordStep, type PlanContext } from './context.js';

/**
 * Ledger only (like `alembic stamp` / `prisma migrate resolve`): record what
 * is wholly present, un-record what is wholly absent. The schema is not
 * touched, so a partly present migration cannot be fixed this way.
 */
export function planSyncLedger(ctx: PlanContext): RepairPlan {
  const steps: PlanStep[] = ledgerShapeSteps(ctx);
  const recorded = recordedAfterShape(ctx);
  const partial = ctx.report.migrations.filter((m) => m.hasFile && m.presence === 'partial');
  const differing = ctx.report.migrations.filter((m) => m.hasFile && m.presence === 'all' && m.different.length);
  let records = 0;
  let unrecords = 0;
  for (const m of ctx.report.migrations) {
    if (!m.hasFile) continue;
    if (!recorded.has(m.name) && m.presence === 'all') {
      steps.push(recordStep(ctx, m.name, 'its whole footprint exists: record it (verified stamp)'));
      records++;
    } else if (recorded.has(m.name) && m.presence === 'none') {
      steps.push(unrecordStep(ctx, m.name, 'none of its objects exist: un-record it so migration:up runs it'));
      unrecords++;
    }
  }
  const blockers = [...partial.map((m) => `${m.name} is only partly present (missing ${m.missing.slice(0, 3).map((o) => o.name).join(', ')})`),
    ...differing.map((m) => `${m.name}'s objects differ (${m.different[0]?.detail ?? ''})`)];
  const invalid = ctx.report.invalidIndexes.map((i) => `index ${i} is invalid`);
  const refusal = blockers.length || invalid.length
    ? `A ledger-only repair cannot fix this: ${[...blockers, ...invalid].join('; ')}. Choose create-all or rerun.`
    : null;
  return {
    strategy: 'sync-ledger',
    applicable: refusal === null,
    refusal,
    consequence: `schema untouched; ${records} migrations recorded, ${unrecords} un-recorded${unrecords ? ' (the next migration:up runs them)' : ''}`,
    steps: refusal ? [] : steps,
    needsHuman: [],
    conflicts: [],
  };
}
