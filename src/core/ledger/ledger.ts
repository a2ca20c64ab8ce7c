import { qualified, quoteIdent, quoteLiteral, type Queryable } from '../db.js';
import { DriftDoctorError } from '../errors.js';
import type { LedgerRow, LedgerState } from '../types.js';

interface RawRow { id: number; name: string; executed_at: Date | string | null; xmin: string }

function iso(v: Date | string | null): string | null {
  if (v === null) return null;
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

/**
 * Reads the ledger with plain SQL. A missing ledger is reported
 * (`exists: false`), never created — unlike MikroORM's Migrator, which
 * creates it when merely asked for pending migrations.
 */
export async function readLedger(db: Queryable, schema: string, table: string): Promise<LedgerState> {
  const found = await db.query<{ xmin: string | null; role: string; usage: boolean; select: boolean }>(
    `select c.xmin::text as xmin, current_user as role,
            has_schema_privilege(n.oid, 'USAGE') as usage, has_table_privilege(c.oid, 'SELECT') as select
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relname = $2 and c.relkind in ('r', 'p')`,
    [schema, table],
  );
  const hit = found.rows[0];
  if (!hit) return { schema, table, exists: false, rows: [] };
  if (!hit.usage || !hit.select) {
    // Asked before reading: a denied SELECT would abort the read-only transaction, and this names the GRANT.
    const grants = [
      ...(hit.usage ? [] : [`GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${quoteIdent(hit.role)};`]),
      ...(hit.select ? [] : [`GRANT SELECT ON ${qualified(schema, table)} TO ${quoteIdent(hit.role)};`]),
    ];
    throw new DriftDoctorError(
      `role ${hit.role} may not read the ledger table ${schema}.${table} (${hit.usage ? 'no SELECT privilege on it' : `no USAGE privilege on schema ${schema}`}); detection needs to read it`,
      `as the table's owner or a superuser run: ${grants.join(' ')} — or connect as a role that may read it`,
    );
  }
  let rows: RawRow[];
  try {
    rows = (await db.query<RawRow>(`select id, name, executed_at, xmin::text as xmin from ${qualified(schema, table)} order by id`)).rows;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '42703') {
      throw new DriftDoctorError(
        `${schema}.${table} exists but has no id/name/executed_at columns; it is not a MikroORM migrations table`,
        'name the real ledger with --ledger-table (and --schema if it lives elsewhere)',
      );
    }
    throw e;
  }
  const ledgerRows: LedgerRow[] = rows.map((r) => ({ id: Number(r.id), name: r.name, executedAt: iso(r.executed_at), xmin: r.xmin }));
  return { schema, table, exists: true, rows: ledgerRows, tableXmin: hit.xmin ?? undefined };
}

/** Ledger-like tables anywhere in the database: columns `name` and `executed_at`. */
export async function findLedgerLikeTables(db: Queryable): Promise<{ schema: string; table: string; rows: number }[]> {
  const res = await db.query<{ schema: string; table: string }>(
    `select table_schema as schema, table_name as table from information_schema.columns
     where column_name in ('name', 'executed_at') and table_schema not in ('pg_catalog', 'information_schema')
     group by table_schema, table_name having count(distinct column_name) = 2`,
  );
  const out: { schema: string; table: string; rows: number }[] = [];
  for (const r of res.rows) {
    const count = await db.query<{ n: string }>(`select count(*)::text as n from ${qualified(r.schema, r.table)}`).catch(() => ({ rows: [{ n: '0' }] }));
    out.push({ ...r, rows: Number(count.rows[0]?.n ?? 0) });
  }
  return out;
}

/** A ledger name as it compares to a file: without `.js`/`.ts` suffix, case-folded (older tools wrote suffixes). */
export function normalMigrationName(name: string): string {
  return name.replace(/\.(js|ts|mjs|cjs)$/i, '').toLowerCase();
}

/** The exact SQL a plan uses to record one migration. */
export function recordSql(schema: string, table: string, name: string): string {
  return `insert into ${qualified(schema, table)} ("name", "executed_at") values (${quoteLiteral(name)}, now());`;
}

/** The exact SQL a plan uses to un-record one migration (ledger rows only, never application tables). */
export function unrecordSql(schema: string, table: string, name: string): string {
  return `delete from ${qualified(schema, table)} where "name" = ${quoteLiteral(name)};`;
}

export function renameSql(schema: string, table: string, from: string, to: string): string {
  return `update ${qualified(schema, table)} set "name" = ${quoteLiteral(to)} where "name" = ${quoteLiteral(from)};`;
}

/** Same shape as the table MikroORM's Migrator creates. */
export function createLedgerSql(schema: string, table: string): string {
  return `create table if not exists ${qualified(schema, table)} ("id" serial primary key, "name" varchar(255), "executed_at" timestamptz default current_timestamp);`;
}
