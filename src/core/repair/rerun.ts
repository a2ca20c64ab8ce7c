import { quoteIdent } from '../db.js';
import { describeObject, objectsOf } from '../snapshot/objects.js';
import type { MigrationFootprint, MigrationStatus, NeedsHuman, PlanConflict, PlanStep, RepairPlan, StatementFootprint } from '../types.js';
import { classifyStatement, lockOf } from './classify.js';
import { ledgerShapeSteps, recordStep, recordedAfterShape, unrecordStep, type PlanContext } from './context.js';
import { reconcileObjects } from './reconcile.js';

/** A migration needs running unless it is recorded and wholly present. */
function needsRun(m: MigrationStatus, recorded: boolean): boolean {
  if (!m.hasFile) return false;
  if (recorded) return m.presence === 'none' || m.presence === 'partial';
  return true;
}

/**
 * CREATE INDEX CONCURRENTLY cannot run in a transaction: it becomes a phase
 * after COMMIT, made idempotent (`if not exists`) so a second run resumes.
 */
function phaseOf(sql: string): { sql: string; outside: boolean; note: string } {
  if (!/\bconcurrently\b/i.test(sql)) return { sql, outside: false, note: '' };
  const idempotent = /\bif\s+not\s+exists\b/i.test(sql) ? sql : sql.replace(/\bconcurrently\b/i, 'concurrently if not exists');
  return { sql: idempotent, outside: true, note: ' — after the transaction commits (CONCURRENTLY cannot run inside one); idempotent, a second run resumes' };
}

/** Rebuilds an index left invalid by a failed concurrent build, without blocking writes. */
export function rebuildInvalidIndex(name: string, schema: string): PlanStep {
  const sql = `reindex index concurrently ${quoteIdent(name)};`;
  return { kind: 'ddl', object: `index ${name}`, sql, reason: `index ${name} is invalid (a failed CREATE INDEX CONCURRENTLY): rebuild it concurrently after the transaction commits`, locks: `SHARE UPDATE EXCLUSIVE on index ${name} and its table (reads and writes continue)`, outsideTransaction: true };
}

interface Walk {
  steps: PlanStep[];
  needsHuman: NeedsHuman[];
  conflicts: PlanConflict[];
  /** Object keys that will exist when the plan reaches this point. */
  present: Set<string>;
}

function statementStep(ctx: PlanContext, walk: Walk, fp: MigrationFootprint, s: StatementFootprint, fresh: boolean): void {
  const cls = classifyStatement(s.sql);
  if (cls.kind !== 'additive') {
    walk.needsHuman.push({ object: fp.migration, reason: `statement ${cls.reason}; not run by drift-doctor: ${s.sql.slice(0, 120)}` });
    return;
  }
  if (s.error) {
    walk.needsHuman.push({ object: fp.migration, reason: `statement fails even on an empty database (${s.error}): ${s.sql.slice(0, 120)}` });
    return;
  }
  const existing = s.creates.filter((o) => walk.present.has(o.key));
  const missing = s.creates.filter((o) => !walk.present.has(o.key));
  if (s.creates.length && !missing.length) return; // all already there (leftovers are reused)
  if (!s.creates.length && !fresh && !/\bif\s+not\s+exists\b/i.test(s.sql)) return;
  if (existing.length) {
    walk.conflicts.push({ migration: fp.migration, statement: s.sql, problem: `would fail with "already exists" (${existing.map(describeObject).slice(0, 3).join(', ')}); reconciled: only the missing parts are created` });
    const r = reconcileObjects({ missing, expected: ctx.expected, schema: ctx.report.ledger.schema, tablesWithRows: ctx.tablesWithRows, reason: `${fp.migration}: part of its statement already exists; add what is missing` });
    walk.steps.push(...r.steps);
    walk.needsHuman.push(...r.needsHuman);
  } else {
    const { sql, outside, note } = phaseOf(s.sql);
    walk.steps.push({ kind: 'migration-statement', migration: fp.migration, sql, reason: `${fp.migration}${note}`, locks: lockOf(sql, ctx.live.schema), outsideTransaction: outside });
  }
  for (const o of s.creates) walk.present.add(o.key);
}

/**
 * Re-run: un-record the migrations whose footprint is absent, then run every
 * migration that is not wholly present, in order, statement by statement —
 * skipping what already exists (leftover types, sequences), reconciling
 * half-present objects, and recording each migration as it completes.
 */
export function planRerun(ctx: PlanContext): RepairPlan {
  const walk: Walk = { steps: ledgerShapeSteps(ctx), needsHuman: [], conflicts: [], present: new Set(objectsOf(ctx.live).keys()) };
  const recorded = recordedAfterShape(ctx);
  const runs: string[] = [];
  for (const m of ctx.report.migrations) {
    const isRecorded = recorded.has(m.name);
    if (!needsRun(m, isRecorded)) continue;
    const fp = ctx.footprints.find((f) => f.migration === m.name);
    if (!fp) continue;
    if (isRecorded) walk.steps.push(unrecordStep(ctx, m.name, `recorded, but its footprint is ${m.presence === 'none' ? 'absent' : 'only partly present'}: un-record before running it again`));
    const before = walk.steps.length;
    for (const s of fp.statements) statementStep(ctx, walk, fp, s, m.presence === 'none');
    const record = recordStep(ctx, m.name, before === walk.steps.length ? `${m.name}: everything it makes already exists` : `${m.name} ran`);
    // Recorded only once its non-transactional part has run, so a failed phase leaves it pending.
    const deferred = walk.steps.slice(before).some((st) => st.outsideTransaction);
    walk.steps.push(deferred ? { ...record, outsideTransaction: true, reason: `${m.name} ran (recorded after its non-transactional phase)` } : record);
    runs.push(m.name);
  }
  for (const name of ctx.report.invalidIndexes) walk.steps.push(rebuildInvalidIndex(name, ctx.live.schema));
  // Existing objects whose definition differs are never altered by drift-doctor: say so before anything runs.
  for (const d of ctx.report.different) {
    walk.needsHuman.push({ object: describeObject(d.object), reason: `${describeObject(d.object)}: ${d.detail}; re-running migrations does not change existing definitions (that may rewrite or reject data) — change it by hand or accept it` });
  }
  return {
    strategy: 'rerun',
    applicable: true,
    refusal: null,
    consequence: runs.length
      ? `runs ${runs.length === 1 ? `1 migration (${runs[0]})` : `${runs.length} migrations (${runs[0]} … ${runs[runs.length - 1]})`} in order, skipping objects that already exist; ends at head`
      : 'no migration needs running',
    steps: walk.steps,
    needsHuman: walk.needsHuman,
    conflicts: walk.conflicts,
  };
}
