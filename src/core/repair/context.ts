import { qualified, quoteIdent } from '../db.js';
import { createLedgerSql, normalMigrationName, recordSql, renameSql, unrecordSql } from '../ledger/ledger.js';
import type { Diagnosis, DriftReport, MigrationFootprint, PlanStep, SchemaSnapshot } from '../types.js';

/** Everything a strategy may look at; plans are pure functions of it. */
export interface PlanContext {
  report: DriftReport;
  diagnosis: Diagnosis;
  footprints: MigrationFootprint[];
  expected: SchemaSnapshot;
  /** Schema the entity models describe. */
  models: SchemaSnapshot;
  live: SchemaSnapshot;
  /** MikroORM's safe update SQL, models against the live database. */
  modelStatements: string[];
  /** Tables that hold at least one row (a NOT NULL column without default would fail there). */
  tablesWithRows: Set<string>;
}

export function ledgerLocks(ctx: PlanContext): string {
  return `ROW EXCLUSIVE on ${ctx.report.ledger.schema}.${ctx.report.ledger.table} (ledger only)`;
}

export function recordStep(ctx: PlanContext, migration: string, reason: string): PlanStep {
  const { schema, table } = ctx.report.ledger;
  return { kind: 'ledger-record', migration, sql: recordSql(schema, table, migration), reason, locks: ledgerLocks(ctx), outsideTransaction: false };
}

export function unrecordStep(ctx: PlanContext, migration: string, reason: string): PlanStep {
  const { schema, table } = ctx.report.ledger;
  return { kind: 'ledger-unrecord', migration, sql: unrecordSql(schema, table, migration), reason, locks: ledgerLocks(ctx), outsideTransaction: false };
}

const normal = normalMigrationName;

/**
 * Ledger steps every strategy shares: create the ledger when there is none,
 * and normalise rows that name a file by another spelling (no duplicates).
 */
export function ledgerShapeSteps(ctx: PlanContext): PlanStep[] {
  const { schema, table, exists } = ctx.report.ledger;
  const steps: PlanStep[] = [];
  if (!exists && schema !== ctx.live.schema) {
    steps.push({ kind: 'ddl', object: `schema ${schema}`, sql: `create schema if not exists ${quoteIdent(schema)};`, reason: `the ledger belongs in schema ${schema} (--ledger-schema), which may not exist yet`, locks: 'none (new schema)', outsideTransaction: false });
  }
  if (!exists && schema !== ctx.live.schema) {
    steps.push({ kind: 'ddl', object: `schema ${schema}`, sql: `create schema if not exists ${quoteIdent(schema)};`, reason: `the ledger belongs in schema ${schema} (--ledger-schema), which may not exist yet`, locks: 'none (new schema)', outsideTransaction: false });
  }
  if (!exists) {
    steps.push({ kind: 'ddl', object: `${schema}.${table}`, sql: createLedgerSql(schema, table), reason: 'there is no ledger table; create it exactly as MikroORM would', locks: 'none (new table)', outsideTransaction: false });
  }
  const files = new Map(ctx.report.migrations.filter((m) => m.hasFile).map((m) => [normal(m.name), m.name]));
  const recorded = new Set(ctx.report.ledger.rows.map((r) => r.name));
  const seen = new Set<string>();
  for (const row of ctx.report.ledger.rows) {
    // A second row for the same name: remove that row only (by id), keep the first.
    if (seen.has(row.name)) {
      steps.push({ kind: 'ledger-unrecord', migration: row.name, sql: `delete from ${qualified(schema, table)} where "id" = ${Number(row.id)};`, reason: `${row.name} is recorded more than once; remove the duplicate row ${row.id}`, locks: ledgerLocks(ctx), outsideTransaction: false });
      continue;
    }
    seen.add(row.name);
    const file = files.get(normal(row.name));
    if (!file || file === row.name) continue;
    if (recorded.has(file)) {
      steps.push(unrecordStep(ctx, row.name, `duplicate of ${file} under another spelling`));
    } else {
      steps.push({ kind: 'ledger-rename', migration: file, from: row.name, sql: renameSql(schema, table, row.name, file), reason: `the file is ${file}; the row was written as ${row.name}`, locks: ledgerLocks(ctx), outsideTransaction: false });
      recorded.add(file);
    }
  }
  return steps;
}

/** Names the ledger will hold once the shape steps ran. */
export function recordedAfterShape(ctx: PlanContext): Set<string> {
  const files = new Map(ctx.report.migrations.filter((m) => m.hasFile).map((m) => [normal(m.name), m.name]));
  return new Set(ctx.report.ledger.rows.map((r) => files.get(normal(r.name)) ?? r.name));
}
