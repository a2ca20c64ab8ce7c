import { footprintObjects } from '../drift/drift.js';
import { describeObject, objectsOf } from '../snapshot/objects.js';
import { reconcileObjects } from './reconcile.js';
import { rebuildInvalidIndex } from './rerun.js';
import type { NeedsHuman, ObjectRef, PlanStep, RepairPlan } from '../types.js';
import { addsNotNullWithoutDefault, classifyStatement, lockOf } from './classify.js';
import { ledgerShapeSteps, recordStep, recordedAfterShape, unrecordStep, type PlanContext } from './context.js';

function tableOf(sql: string): string {
  return /^(?:create\s+table|alter\s+table|create\s+(?:unique\s+)?index\s+\S+\s+on)\s+(?:"[^"]+"\.)?"?([^"\s(]+)"?/i.exec(sql.trim())?.[1] ?? '';
}

function typeOf(sql: string): string {
  return /^create\s+type\s+(?:"[^"]+"\.)?"?([^"\s]+)"?/i.exec(sql.trim())?.[1] ?? '';
}

/** Why a model statement is in the plan, in the words of what it adds. */
function reasonFor(sql: string, table: string, type: string): string {
  // One statement may add several columns (`add column "a" …, add column "b" …`): name them all.
  const columns = [...sql.matchAll(/\badd\s+column\s+(?:if\s+not\s+exists\s+)?"?([^"\s]+)"?/gi)].map((m) => m[1]!);
  const constraint = /\badd\s+constraint\s+"?([^"\s]+)"?\s+(foreign\s+key|unique|primary\s+key)/i.exec(sql);
  const index = /^\s*create\s+(?:unique\s+)?index\s+(?:if\s+not\s+exists\s+)?"?([^"\s]+)"?/i.exec(sql)?.[1];
  if (/^\s*create\s+table/i.test(sql)) return `the models define table ${table}; the database lacks it`;
  if (columns.length === 1) return `the models give ${table} a column ${columns[0]}; the database lacks it`;
  if (columns.length > 1) return `the models give ${table} the columns ${columns.join(', ')}; the database lacks them`;
  if (constraint) return `the models give ${table} the ${constraint[2]!.toLowerCase().replace(/\s+/g, ' ')} ${constraint[1]}; the database lacks it`;
  if (index) return `the models index ${table} with ${index}; the database lacks it`;
  if (type) return `the models use enum type ${type}; the database lacks it`;
  return table ? `the models change ${table}` : 'the models define this';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Create-all: MikroORM's safe update SQL from the entity models (no drops),
 * filtered so that nothing destructive or data-rewriting runs; then the
 * ledger records every migration whose footprint will exist.
 */
export function planCreateAll(ctx: PlanContext): RepairPlan {
  const steps: PlanStep[] = ledgerShapeSteps(ctx);
  const needsHuman: NeedsHuman[] = [];
  for (const sql of ctx.modelStatements) {
    // MikroORM may also create the ledger's schema, which the ledger steps above already do.
    if (steps.some((st) => st.sql === sql)) continue;
    const cls = classifyStatement(sql);
    if (cls.kind !== 'additive') {
      needsHuman.push({ object: tableOf(sql) || sql.slice(0, 60), reason: `the models want a change that ${cls.reason}: ${sql}` });
      continue;
    }
    const nn = addsNotNullWithoutDefault(sql);
    if (nn && ctx.tablesWithRows.has(nn.table)) {
      needsHuman.push({ object: `${nn.table}.${nn.column}`, reason: `NOT NULL column without a default on ${nn.table}, which has rows: it would fail; add a default or backfill first` });
      continue;
    }
    const table = tableOf(sql);
    const type = typeOf(sql);
    const object = table || (type ? `type ${type}` : '');
    const reason = reasonFor(sql, table, type);
    steps.push({ kind: 'ddl', ...(object ? { object } : {}), sql, reason, locks: lockOf(sql, ctx.live.schema), outsideTransaction: false });
  }
  for (const name of ctx.report.invalidIndexes) steps.push(rebuildInvalidIndex(name, ctx.live.schema));
  // After the DDL every model object exists, except what needs a human.
  const blocked = new Set(needsHuman.map((n) => n.object));
  const isBlocked = (o: ObjectRef) => blocked.has(o.table ?? o.name) || blocked.has(`${o.table}.${o.name}`);
  const willExist = new Set(objectsOf(ctx.live).keys());
  for (const [key, e] of objectsOf(ctx.models)) if (!isBlocked(e.ref)) willExist.add(key);
  // Objects only the migration history makes (a standalone sequence, say): create them too.
  const historyOnly = [...objectsOf(ctx.expected).values()].map((e) => e.ref).filter((o) => !willExist.has(o.key) && !isBlocked(o));
  const extra = reconcileObjects({ missing: historyOnly, expected: ctx.expected, schema: ctx.live.schema, tablesWithRows: ctx.tablesWithRows, reason: 'a migration creates it; the entity models do not describe it' });
  steps.push(...extra.steps);
  needsHuman.push(...extra.needsHuman);
  for (const s of extra.steps) if (s.kind === 'ddl') for (const o of historyOnly) if (s.object === describeObject(o)) willExist.add(o.key);
  const recorded = recordedAfterShape(ctx);
  let records = 0;
  for (const m of ctx.report.migrations) {
    if (!m.hasFile) continue;
    const fp = ctx.footprints.find((f) => f.migration === m.name);
    if (!fp) continue;
    const { creates, alters } = footprintObjects(fp, ctx.expected);
    const all = [...creates, ...alters];
    const present = all.filter((o) => willExist.has(o.key)).length;
    if (!recorded.has(m.name) && present === all.length) {
      steps.push(recordStep(ctx, m.name, all.length ? `its footprint exists after the DDL above` : 'nothing to create; record with the rest of the history'));
      records++;
    } else if (recorded.has(m.name) && all.length > 0 && present === 0) {
      steps.push(unrecordStep(ctx, m.name, 'its footprint will still be absent'));
    }
  }
  const ddl = steps.filter((s) => s.kind === 'ddl').length;
  return {
    strategy: 'create-all',
    applicable: true,
    refusal: null,
    consequence: `${plural(ddl, 'additive statement')} from the entity models (no drops), then ${plural(records, 'migration')} recorded so the next migration:up is a no-op`,
    steps,
    needsHuman,
    conflicts: [],
  };
}
