import { quoteIdent } from '../db.js';
import { describeObject } from '../snapshot/objects.js';
import type { NeedsHuman, ObjectRef, PlanStep, SchemaSnapshot } from '../types.js';
import { lockOf } from './classify.js';

export interface ReconcileResult {
  steps: PlanStep[];
  needsHuman: NeedsHuman[];
}

function columnsOfIndex(definition: string): string {
  const m = /\(([^)]*)\)\s*$/.exec(definition) ?? /\(([^)]*)\)/.exec(definition);
  return m?.[1] ?? '';
}

/** DDL that creates one missing object exactly as the expected schema defines it. */
export function createObjectSql(o: ObjectRef, expected: SchemaSnapshot): string | null {
  const t = o.table ? expected.tables[o.table] : undefined;
  switch (o.kind) {
    case 'column': {
      const c = t?.columns[o.name];
      if (!c || !o.table) return null;
      const def = c.default !== null ? ` default ${c.default}` : '';
      return `alter table ${quoteIdent(o.table)} add column ${quoteIdent(c.name)} ${c.type}${def}${c.nullable ? '' : ' not null'};`;
    }
    case 'index': {
      const i = t?.indexes[o.name];
      if (!i || !o.table) return null;
      if (i.constraint) {
        const kind = i.primary ? 'primary key' : 'unique';
        return `alter table ${quoteIdent(o.table)} add constraint ${quoteIdent(i.name)} ${kind} (${columnsOfIndex(i.definition)});`;
      }
      return `${i.definition};`;
    }
    case 'foreign-key': {
      const f = t?.foreignKeys[o.name];
      if (!f || !o.table) return null;
      return `alter table ${quoteIdent(o.table)} add constraint ${quoteIdent(f.name)} ${f.definition};`;
    }
    case 'enum': {
      const e = expected.enums[o.name];
      return e ? `create type ${quoteIdent(e.name)} as enum (${e.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')});` : null;
    }
    case 'sequence':
      return `create sequence ${quoteIdent(o.name)};`;
    case 'table':
      return null;
  }
}

/**
 * A statement whose objects partly exist (a hand-made `agents` lacking a
 * column): create only the missing parts, never touch what is there.
 */
export function reconcileObjects(opts: {
  missing: ObjectRef[];
  expected: SchemaSnapshot;
  schema: string;
  tablesWithRows: Set<string>;
  reason: string;
}): ReconcileResult {
  const steps: PlanStep[] = [];
  const needsHuman: NeedsHuman[] = [];
  // Sequences and indexes a table's own columns/constraints bring along are created with them.
  const order: Record<ObjectRef['kind'], number> = { enum: 0, sequence: 1, table: 2, column: 3, index: 4, 'foreign-key': 5 };
  for (const o of [...opts.missing].sort((a, b) => order[a.kind] - order[b.kind])) {
    const sql = createObjectSql(o, opts.expected);
    if (!sql) {
      needsHuman.push({ object: describeObject(o), reason: 'cannot be created on its own from the expected schema' });
      continue;
    }
    const col = o.kind === 'column' && o.table ? opts.expected.tables[o.table]?.columns[o.name] : undefined;
    if (col && !col.nullable && col.default === null && o.table && opts.tablesWithRows.has(o.table)) {
      needsHuman.push({ object: describeObject(o), reason: `NOT NULL without a default, and ${o.table} has rows: adding it would fail; add a default or backfill first` });
      continue;
    }
    steps.push({ kind: 'ddl', object: describeObject(o), sql, reason: opts.reason, locks: lockOf(sql, opts.schema), outsideTransaction: false });
  }
  return { steps, needsHuman };
}
