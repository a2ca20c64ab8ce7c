import type { Queryable } from '../db.js';

/** PostgreSQL's table-level lock modes, weakest first (pg_locks spells them `AccessShareLock`, …). */
export const LOCK_MODES = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
] as const;
export type LockMode = (typeof LOCK_MODES)[number];

/** The conflict table of the PostgreSQL manual ("Conflicting Lock Modes"), by mode. */
const CONFLICTS: Record<LockMode, LockMode[]> = {
  AccessShareLock: ['AccessExclusiveLock'],
  RowShareLock: ['ExclusiveLock', 'AccessExclusiveLock'],
  RowExclusiveLock: ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareUpdateExclusiveLock: ['ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareLock: ['RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareRowExclusiveLock: ['RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ExclusiveLock: ['RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  AccessExclusiveLock: [...LOCK_MODES],
};

export function conflicts(wanted: LockMode, held: string): boolean {
  return (CONFLICTS[wanted] as string[]).includes(held);
}

/** `SHARE ROW EXCLUSIVE` for `ShareRowExclusiveLock`. */
export function modeWords(mode: string): string {
  return mode.replace(/Lock$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

/** A relation a statement takes a table-level lock on, and the mode. */
export interface LockRequest {
  /** Null when the name is unqualified (it resolves through search_path to the target schema). */
  schema: string | null;
  name: string;
  mode: LockMode;
}

/** One identifier: `"Quoted ""name"""` or a bare word. */
export const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
/** An optionally schema-qualified name; two capture groups (first part, second part). */
export const QNAME = String.raw`(${IDENT})(?:\s*\.\s*(${IDENT}))?`;

/** The name an identifier denotes: quotes removed, bare words folded to lower case as Postgres does. */
export function unquote(id: string): string {
  return id.startsWith('"') ? id.slice(1, -1).replace(/""/g, '"') : id.toLowerCase();
}

/** The two captures of QNAME as schema (null when unqualified) and name. */
export function nameOf(a: string | undefined, b: string | undefined): { schema: string | null; name: string } {
  return b ? { schema: unquote(a!), name: unquote(b) } : { schema: null, name: unquote(a!) };
}

function refsOf(sql: string): { schema: string | null; name: string }[] {
  const out: { schema: string | null; name: string }[] = [];
  for (const m of sql.matchAll(new RegExp(String.raw`\breferences\s+${QNAME}`, 'gi'))) out.push(nameOf(m[1], m[2]));
  return out;
}

/**
 * The table-level locks a plan statement asks for, as the PostgreSQL manual
 * lists them per command. Only what a repair plan runs is covered; anything
 * else yields nothing and the caller says it could not tell.
 */
export function lockRequestsOf(sql: string): LockRequest[] {
  const s = sql.trim();
  const out: LockRequest[] = [];
  const add = (n: { schema: string | null; name: string }, mode: LockMode) => out.push({ ...n, mode });
  let m: RegExpExecArray | null;
  if ((m = new RegExp(String.raw`^create\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?${QNAME}`, 'i').exec(s))) {
    // The new table itself is invisible to others; inline foreign keys lock what they reference.
    for (const r of refsOf(s)) add(r, 'ShareRowExclusiveLock');
    return out;
  }
  if ((m = new RegExp(String.raw`^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${QNAME}`, 'i').exec(s))) {
    const refs = refsOf(s);
    const onlyForeignKeys = refs.length > 0 && !/\badd\s+column\b/i.test(s);
    add(nameOf(m[1], m[2]), onlyForeignKeys ? 'ShareRowExclusiveLock' : 'AccessExclusiveLock');
    for (const r of refs) add(r, 'ShareRowExclusiveLock');
    return out;
  }
  if ((m = new RegExp(String.raw`^create\s+(?:unique\s+)?index\s+(concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:${IDENT}\s+)?on\s+(?:only\s+)?${QNAME}`, 'i').exec(s))) {
    add(nameOf(m[2], m[3]), m[1] ? 'ShareUpdateExclusiveLock' : 'ShareLock');
    return out;
  }
  if ((m = new RegExp(String.raw`^reindex\s+index\s+(?:concurrently\s+)?${QNAME}`, 'i').exec(s))) {
    add(nameOf(m[1], m[2]), 'AccessExclusiveLock');
    return out;
  }
  if ((m = new RegExp(String.raw`^(?:insert\s+into|delete\s+from|update)\s+(?:only\s+)?${QNAME}`, 'i').exec(s))) {
    add(nameOf(m[1], m[2]), 'RowExclusiveLock');
    return out;
  }
  return out;
}

/** PostgreSQL's reserved and type/function-name keywords: bare, they are not names (`user` is current_user). */
const KEYWORDS = new Set(`all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation
  column concurrently constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp
  current_user default deferrable desc distinct do else end except false fetch for foreign freeze from full grant group having ilike in
  initially inner intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset
  on only or order outer overlaps placing primary references returning right select session_user similar some symmetric system_user
  table tablesample then to trailing true union unique user using variadic verbose when where window with`.split(/\s+/));

/** An identifier as SQL would need it: bare when it can be, quoted otherwise. */
export function sqlName(id: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(id) && !KEYWORDS.has(id) ? id : `"${id.replace(/"/g, '""')}"`;
}

/** `public.agents`, or `"Billing Ops"."user"` when a name needs quotes. */
export function displayName(schema: string, name: string): string {
  return `${sqlName(schema)}.${sqlName(name)}`;
}

/** Another session's lock on a relation a statement needs. */
export interface Blocker {
  pid: number;
  relation: string;
  /** Mode it holds (or waits for, ahead of us). */
  mode: string;
  granted: boolean;
  /** The mode our statement needed. */
  wanted: LockMode;
  application: string;
  role: string;
  state: string;
  client: string | null;
  /** How long its transaction has been open. */
  seconds: number;
}

interface LockRow {
  pid: number; schema: string; name: string; mode: string; granted: boolean;
  application_name: string | null; usename: string | null; state: string | null; client: string | null; seconds: number | null;
}

/**
 * Sessions (other than ours) that hold — or queue ahead of us for — a
 * table lock that conflicts with what `sql` needs. Runs after ROLLBACK, on
 * the repair's own connection; a failing look-up yields nothing.
 */
export async function findBlockers(db: Queryable, sql: string, defaultSchema: string): Promise<{ requests: LockRequest[]; blockers: Blocker[] }> {
  const requests = lockRequestsOf(sql).map((r) => ({ ...r, schema: r.schema ?? defaultSchema }));
  if (!requests.length) return { requests, blockers: [] };
  const res = await db.query<LockRow>(
    `select l.pid, n.nspname as schema, c.relname as name, l.mode, l.granted,
            a.application_name, a.usename, a.state, a.client_addr::text as client,
            extract(epoch from now() - coalesce(a.xact_start, a.backend_start))::float8 as seconds
       from pg_locks l
       join pg_class c on c.oid = l.relation join pg_namespace n on n.oid = c.relnamespace
       left join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'relation' and l.pid <> pg_backend_pid()
        and l.database = (select oid from pg_database where datname = current_database())
        and (n.nspname, c.relname) in (select * from unnest($1::text[], $2::text[]))
      order by l.granted desc, seconds desc nulls last`,
    [requests.map((r) => r.schema), requests.map((r) => r.name)],
  ).catch(() => ({ rows: [] as LockRow[] }));
  const blockers: Blocker[] = [];
  for (const row of res.rows) {
    const wanted = requests.find((r) => r.schema === row.schema && r.name === row.name && conflicts(r.mode, row.mode));
    if (!wanted) continue;
    if (blockers.some((b) => b.pid === row.pid && b.relation === displayName(row.schema, row.name))) continue;
    blockers.push({
      pid: row.pid, relation: displayName(row.schema, row.name), mode: row.mode, granted: row.granted, wanted: wanted.mode,
      application: row.application_name ?? '', role: row.usename ?? 'unknown role', state: row.state ?? 'unknown state',
      client: row.client, seconds: row.seconds ?? 0,
    });
  }
  return { requests, blockers };
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** `backend 4242 (application "psql", role app, idle in transaction, transaction open for 3.2 s) holds ROW EXCLUSIVE on public.agents`. */
export function describeBlocker(b: Blocker): string {
  const who = [
    `application ${b.application ? `"${b.application}"` : 'unnamed'}`,
    `role ${b.role}`,
    ...(b.client ? [`from ${b.client.replace(/\/\d+$/, '')}`] : []),
    b.state,
    `transaction open for ${duration(b.seconds)}`,
  ].join(', ');
  return `backend ${b.pid} (${who}) ${b.granted ? 'holds' : 'is queued ahead of us for'} ${modeWords(b.mode)} on ${b.relation}`;
}
