import type { Queryable } from '../db.js';
import type {
  ColumnSnapshot,
  EnumSnapshot,
  ForeignKeySnapshot,
  IndexSnapshot,
  SchemaSnapshot,
  SequenceSnapshot,
  TableSnapshot,
} from '../types.js';

export interface SnapshotOptions {
  schema: string;
  /** Tables left out of the snapshot (the ledger itself). */
  exclude?: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes `schema.` / `"schema".` qualifiers so snapshots from different
 * schemas compare. Postgres prints the schema bare only when it needs no
 * quotes, so the bare form is stripped only then, and never inside a quoted
 * name (`"foo public".t` keeps its `public`).
 */
export function unqualify(text: string, schema: string): string {
  const quoted = escapeRegExp(`"${schema.replace(/"/g, '""')}"`);
  const bare = /^[a-z_][a-z0-9_$]*$/.test(schema) ? `|(?<![\\w$"])${escapeRegExp(schema)}` : '';
  return text.replace(new RegExp(`(?:${quoted}${bare})\\.(?=["\\w])`, 'g'), '');
}

const TABLES_SQL = `
  select c.relname as name, c.xmin::text as xmin, greatest(c.reltuples, 0)::bigint as rows
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = $1 and c.relkind in ('r', 'p')`;

const COLUMNS_SQL = `
  select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
         not a.attnotnull as nullable, pg_get_expr(d.adbin, d.adrelid) as default
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  where n.nspname = $1 and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
  order by c.relname, a.attnum`;

const INDEXES_SQL = `
  select t.relname as table, i.relname as name, pg_get_indexdef(x.indexrelid) as definition,
         x.indisunique as unique, x.indisprimary as primary, x.indisvalid as valid,
         exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.contype in ('p','u','x')) as constraint
  from pg_index x
  join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
  join pg_namespace n on n.oid = t.relnamespace
  where n.nspname = $1`;

const FKS_SQL = `
  select t.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition,
         r.relname as referenced_table,
         array(select a.attname::text from unnest(k.conkey) with ordinality u(n, o)
               join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o) as columns,
         array(select a.attname::text from unnest(k.confkey) with ordinality u(n, o)
               join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o) as referenced_columns
  from pg_constraint k
  join pg_class t on t.oid = k.conrelid join pg_class r on r.oid = k.confrelid
  join pg_namespace n on n.oid = t.relnamespace
  where n.nspname = $1 and k.contype = 'f'`;

const ENUMS_SQL = `
  select t.typname as name, t.xmin::text as xmin,
         array(select e.enumlabel::text from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder) as values
  from pg_type t join pg_namespace n on n.oid = t.typnamespace
  where n.nspname = $1 and t.typtype = 'e'`;

const SEQUENCES_SQL = `
  select s.relname as name, s.xmin::text as xmin,
         (select t.relname || '.' || a.attname from pg_depend d
            join pg_class t on t.oid = d.refobjid
            join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
          where d.objid = s.oid and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i') limit 1) as owned_by
  from pg_class s join pg_namespace n on n.oid = s.relnamespace
  where n.nspname = $1 and s.relkind = 'S'`;

interface TableRow { name: string; xmin: string; rows: string }
interface ColumnRow { table: string; name: string; type: string; nullable: boolean; default: string | null }
interface IndexRow { table: string; name: string; definition: string; unique: boolean; primary: boolean; valid: boolean; constraint: boolean }
interface FkRow { table: string; name: string; definition: string; referenced_table: string; columns: string[]; referenced_columns: string[] }
interface EnumRow { name: string; xmin: string; values: string[] }
interface SequenceRow { name: string; xmin: string; owned_by: string | null }

/**
 * One catalog snapshot of a schema: tables, columns, indexes (with validity),
 * foreign keys, enum types and sequences. Six queries whatever the size.
 * Runs on whatever transaction the handle is in (read-only for detection).
 */
export async function takeSnapshot(db: Queryable, options: SnapshotOptions): Promise<SchemaSnapshot> {
  const { schema } = options;
  const exclude = new Set(options.exclude ?? []);
  const p = [schema];
  const tables = (await db.query<TableRow>(TABLES_SQL, p)).rows;
  const columns = (await db.query<ColumnRow>(COLUMNS_SQL, p)).rows;
  const indexes = (await db.query<IndexRow>(INDEXES_SQL, p)).rows;
  const fks = (await db.query<FkRow>(FKS_SQL, p)).rows;
  const enums = (await db.query<EnumRow>(ENUMS_SQL, p)).rows;
  const sequences = (await db.query<SequenceRow>(SEQUENCES_SQL, p)).rows;

  const snap: SchemaSnapshot = { schema, tables: {}, enums: {}, sequences: {} };
  for (const t of tables) {
    if (exclude.has(t.name)) continue;
    snap.tables[t.name] = { name: t.name, columns: {}, indexes: {}, foreignKeys: {}, xmin: t.xmin, rowCount: Number(t.rows) };
  }
  const tableOf = (name: string): TableSnapshot | undefined => snap.tables[name];
  for (const c of columns) {
    const t = tableOf(c.table);
    if (!t) continue;
    const col: ColumnSnapshot = {
      name: c.name,
      type: unqualify(c.type, schema),
      nullable: c.nullable,
      default: c.default === null ? null : unqualify(c.default, schema),
    };
    t.columns[c.name] = col;
  }
  for (const i of indexes) {
    const t = tableOf(i.table);
    if (!t) continue;
    const idx: IndexSnapshot = { ...i, definition: unqualify(i.definition, schema) };
    t.indexes[i.name] = idx;
  }
  for (const f of fks) {
    const t = tableOf(f.table);
    if (!t) continue;
    const fk: ForeignKeySnapshot = {
      name: f.name,
      table: f.table,
      columns: f.columns,
      referencedTable: f.referenced_table,
      referencedColumns: f.referenced_columns,
      definition: unqualify(f.definition, schema),
    };
    t.foreignKeys[f.name] = fk;
  }
  for (const e of enums) snap.enums[e.name] = { name: e.name, values: e.values, xmin: e.xmin } satisfies EnumSnapshot;
  for (const s of sequences) {
    if (s.owned_by && exclude.has(s.owned_by.split('.')[0] ?? '')) continue;
    const seq: SequenceSnapshot = { name: s.name, ownedBy: s.owned_by, xmin: s.xmin };
    snap.sequences[s.name] = seq;
    if (s.owned_by) {
      const [table, column] = s.owned_by.split('.');
      const col = table && column ? snap.tables[table]?.columns[column] : undefined;
      if (col) col.ownedSequence = s.name;
    }
  }
  return snap;
}
