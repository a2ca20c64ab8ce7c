/**
 * Property: whatever drift a database is in, no plan of any strategy drops a
 * table or column, truncates, deletes or updates anything but the ledger,
 * or changes a column type; differences that would change data are "needs a
 * human" items (or a refusal), never steps.
 *
 * A fully migrated template is built once with the sample app's own
 * migrator; each case copies it (CREATE DATABASE … TEMPLATE) and applies
 * seeded random real mutations with plain SQL. Replay one case with
 * DD_SEED=<seed> (its number is printed on failure); DD_CASES sets how many.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriftEngine } from '../../src/core/session.js';
import type { RepairPlan } from '../../src/core/types.js';
import { adminQuery, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { migratorUp } from '../helpers/migrator.js';

const BASE_SEED = 20_240_611;
const CASES = process.env.DD_SEED ? [Number(process.env.DD_SEED)] : Array.from({ length: Number(process.env.DD_CASES ?? 25) }, (_, i) => BASE_SEED + i);
const LEDGER = 'mikro_orm_migrations';

// ─── a small seeded PRNG (mulberry32) ────────────────────────────────────────

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(maxInclusive: number): number {
    return Math.floor(this.next() * (maxInclusive + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < k && pool.length) out.push(pool.splice(this.int(pool.length - 1), 1)[0]!);
    return out;
  }
}

// ─── the live catalog, read fresh before each kind of mutation ──────────────

interface Column { table: string; column: string; type: string; notNull: boolean; hasDefault: boolean; enumLabel: string | null }
interface ForeignKey { table: string; name: string; column: string; refTable: string; refColumn: string }

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tables(c: pg.Client): Promise<string[]> {
  return (await c.query<{ t: string }>(`select relname as t from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relname <> $1 order by 1`, [LEDGER])).rows.map((r) => r.t);
}

async function columns(c: pg.Client): Promise<Column[]> {
  return (await c.query<Column>(
    `select cl.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
            (a.atthasdef or a.attidentity <> '') as "hasDefault",
            (select e.enumlabel::text from pg_enum e where e.enumtypid = a.atttypid order by e.enumsortorder limit 1) as "enumLabel"
       from pg_attribute a join pg_class cl on cl.oid = a.attrelid
      where cl.relnamespace = 'public'::regnamespace and cl.relkind = 'r' and cl.relname <> $1 and a.attnum > 0 and not a.attisdropped
      order by 1, a.attnum`, [LEDGER])).rows;
}

/** Columns in a primary key or either side of a foreign key. */
async function keyColumns(c: pg.Client): Promise<Set<string>> {
  const rows = (await c.query<{ k: string }>(
    `select cl.relname || '.' || a.attname as k from pg_constraint k
       join lateral unnest(k.conkey) as u(n) on true
       join pg_class cl on cl.oid = k.conrelid join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n
      where cl.relnamespace = 'public'::regnamespace and k.contype in ('p', 'f')
     union
     select cl.relname || '.' || a.attname from pg_constraint k
       join lateral unnest(k.confkey) as u(n) on true
       join pg_class cl on cl.oid = k.confrelid join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n
      where cl.relnamespace = 'public'::regnamespace and k.contype = 'f'
      order by 1`)).rows;
  return new Set(rows.map((r) => r.k));
}

async function foreignKeys(c: pg.Client): Promise<ForeignKey[]> {
  return (await c.query<ForeignKey>(
    `select cl.relname as table, k.conname as name, a.attname as column, rc.relname as "refTable", ra.attname as "refColumn"
       from pg_constraint k join pg_class cl on cl.oid = k.conrelid join pg_class rc on rc.oid = k.confrelid
       join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
       join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = k.confkey[1]
      where cl.relnamespace = 'public'::regnamespace and k.contype = 'f' order by 1, 2`)).rows;
}

async function plainIndexes(c: pg.Client): Promise<string[]> {
  return (await c.query<{ i: string }>(
    `select ic.relname as i from pg_index x join pg_class ic on ic.oid = x.indexrelid join pg_class tc on tc.oid = x.indrelid
      where tc.relnamespace = 'public'::regnamespace and tc.relname <> $1
        and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid) order by 1`, [LEDGER])).rows.map((r) => r.i);
}

// ─── mutations ───────────────────────────────────────────────────────────────

interface TypeChange { table: string; column: string; from: string; to: string }

interface Drift {
  log: string[];
  typeChange: TypeChange | null;
  /** Tables that hold at least one row after the mutations. */
  withRows: Set<string>;
}

function valueFor(col: Column, fks: ForeignKey[], rng: Rng): string | null {
  const fk = fks.find((f) => f.table === col.table && f.column === col.column);
  if (fk) return `(select ${q(fk.refColumn)} from ${q(fk.refTable)} limit 1)`;
  if (col.enumLabel !== null) return `'${col.enumLabel.replace(/'/g, "''")}'`;
  const t = col.type;
  if (/^character varying|^text$/.test(t)) return `'r${rng.int(1e9).toString(36)}'`;
  if (/^(integer|smallint|bigint|double precision|numeric|real)/.test(t)) return '1';
  if (t === 'boolean') return 'false';
  if (t === 'jsonb' || t === 'json') return `'{}'`;
  if (t === 'uuid') return 'gen_random_uuid()';
  if (/^timestamp/.test(t)) return 'now()';
  return null;
}

async function tryQuery(c: pg.Client, sql: string): Promise<boolean> {
  try {
    await c.query(sql);
    return true;
  } catch {
    return false;
  }
}

/** Real drift, caused with plain SQL; every applied statement is logged for the failure message. */
async function mutate(url: string, rng: Rng): Promise<Drift> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const log: string[] = [];
  const run = async (sql: string) => {
    if (await tryQuery(c, sql)) log.push(sql);
  };
  try {
    for (const t of rng.sample(await tables(c), rng.int(3))) await run(`drop table ${q(t)} cascade`);
    const keys = await keyColumns(c);
    const droppable = (await columns(c)).filter((col) => !keys.has(`${col.table}.${col.column}`) || rng.chance(0.3));
    for (const col of rng.sample(droppable, rng.int(2))) await run(`alter table ${q(col.table)} drop column ${q(col.column)} cascade`);
    for (const i of rng.sample(await plainIndexes(c), rng.int(2))) await run(`drop index ${q(i)}`);
    for (const f of rng.sample(await foreignKeys(c), rng.int(2))) await run(`alter table ${q(f.table)} drop constraint ${q(f.name)}`);

    let typeChange: TypeChange | null = null;
    if (rng.chance(0.7)) {
      const keysNow = await keyColumns(c);
      const widen = (t: string) => (/^character varying/.test(t) ? 'text' : t === 'integer' ? 'bigint' : t === 'smallint' ? 'integer' : null);
      const candidates = (await columns(c)).filter((col) => widen(col.type) && !keysNow.has(`${col.table}.${col.column}`));
      const col = rng.sample(candidates, 1)[0];
      if (col) {
        const to = widen(col.type)!;
        const sql = `alter table ${q(col.table)} alter column ${q(col.column)} type ${to}`;
        if (await tryQuery(c, sql)) {
          log.push(sql);
          typeChange = { table: col.table, column: col.column, from: col.type, to };
        }
      }
    }

    if (rng.chance(0.2)) await run(`create table ${q(`oob_${rng.int(999)}`)} (id serial primary key, note text)`);

    // Rows: a NOT NULL column the repair would add without a default must then be a human's call.
    const cols = await columns(c);
    const fks = await foreignKeys(c);
    const targets = rng.sample(await tables(c), rng.int(4));
    for (let round = 0; round < 2; round++) {
      for (const t of targets) {
        const needed = cols.filter((col) => col.table === t && col.notNull && !col.hasDefault);
        const values = needed.map((col) => valueFor(col, fks, rng));
        if (values.some((v) => v === null)) continue;
        await run(needed.length
          ? `insert into ${q(t)} (${needed.map((col) => q(col.column)).join(', ')}) values (${values.join(', ')})`
          : `insert into ${q(t)} default values`);
      }
    }

    const ledger = (await c.query<{ id: number; name: string }>(`select id, name from ${LEDGER} order by id`)).rows;
    for (const r of rng.sample(ledger, rng.int(3))) await run(`delete from ${LEDGER} where id = ${r.id}`);
    if (rng.chance(0.25) && ledger.length) await run(`insert into ${LEDGER} (name, executed_at) values ('${rng.sample(ledger, 1)[0]!.name}', now())`);
    if (rng.chance(0.3)) for (const r of rng.sample(ledger, 1 + rng.int(1))) await run(`update ${LEDGER} set name = name || '.js' where id = ${r.id}`);
    if (rng.chance(0.12)) await run(`insert into ${LEDGER} (name, executed_at) values ('099_not_in_this_checkout', now())`);

    const withRows = new Set<string>();
    for (const t of await tables(c)) {
      if ((await c.query(`select 1 from ${q(t)} limit 1`)).rows.length) withRows.add(t);
    }
    return { log, typeChange, withRows };
  } finally {
    await c.end();
  }
}

// ─── the property ────────────────────────────────────────────────────────────

/** Statements of a step (a step may hold several); `delete`/`update` only count at a statement's start, not in `on delete cascade`. */
const statementsOf = (sql: string) => sql.split(';').map((s) => s.trim()).filter(Boolean);
const ON_LEDGER = new RegExp(`^(delete\\s+from|update)\\s+(?:"public"\\.)?"?${LEDGER}"?\\s`, 'i');

function violations(plan: RepairPlan, drift: Drift): string[] {
  const out: string[] = [];
  plan.steps.forEach((step, i) => {
    const at = `${plan.strategy} step ${i + 1}: ${step.sql.slice(0, 160)}`;
    for (const s of statementsOf(step.sql)) {
      if (/\bdrop\s+(table|column)\b/i.test(s)) out.push(`drops: ${at}`);
      if (/\btruncate\b/i.test(s)) out.push(`truncates: ${at}`);
      if (/^(delete|update)\b/i.test(s) && !ON_LEDGER.test(s)) out.push(`deletes/updates outside the ledger: ${at}`);
      if (/\balter\s+column\s+\S+\s+(set\s+data\s+)?type\b/i.test(s)) out.push(`changes a column type: ${at}`);
      const nn = /^alter\s+table\s+(?:"[^"]+"\.)?"?([^"\s]+)"?\s+add\s+column\s+(?:if\s+not\s+exists\s+)?"?[^"\s]+"?\s+([^,]*)/i.exec(s);
      if (nn && drift.withRows.has(nn[1]!) && /\bnot\s+null\b/i.test(nn[2]!) && !/\b(default|serial|bigserial|smallserial)\b/i.test(nn[2]!)) {
        out.push(`adds a NOT NULL column without a default to ${nn[1]}, which has rows: ${at}`);
      }
    }
  });
  const tc = drift.typeChange;
  if (tc && plan.strategy !== 'rerun' && plan.applicable) {
    const listed = plan.needsHuman.some((n) => n.object.includes(tc.table) && n.reason.includes(tc.column) && n.reason.length > 20);
    if (!listed) out.push(`${plan.strategy}: ${tc.table}.${tc.column} changed ${tc.from} → ${tc.to}, yet it is not a "needs a human" item (and the plan is not refused)`);
  }
  return out;
}

describe('no plan is ever destructive, whatever the drift (seeded random states on the real PostgreSQL)', () => {
  let template: TestDatabase;
  const copies: string[] = [];
  /** Cases where rerun's plan leaves a changed column type unmentioned (see the last test). */
  const rerunSilent: string[] = [];
  const seen = { typeChanges: 0, tablesWithRows: 0, cases: 0 };

  beforeAll(async () => {
    template = await createTestDatabase('dd_tpl');
    await migratorUp(template.url);
  }, 120_000);
  afterAll(async () => {
    for (const name of copies) await adminQuery(`drop database if exists ${q(name)} with (force)`);
    await template.drop();
  });

  async function copyOfTemplate(seed: number): Promise<string> {
    const name = `${template.name}_${seed}`;
    copies.push(name);
    // CREATE DATABASE … TEMPLATE needs the template to have no other session; a closing one may linger a moment.
    for (let attempt = 0; ; attempt++) {
      try {
        await adminQuery(`create database ${q(name)} template ${q(template.name)}`);
        return name;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || attempt > 20) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  it.each(CASES)('seed %i', async (seed) => {
    const name = await copyOfTemplate(seed);
    const url = new URL(template.url);
    url.pathname = `/${name}`;
    const drift = await mutate(url.toString(), new Rng(seed));
    seen.cases++;
    if (drift.typeChange) seen.typeChanges++;
    seen.tablesWithRows += drift.withRows.size;
    // Half-run probes are diagnosis evidence only (seconds per migration on a copy of the schema); plans never depend on them.
    const engine = new DriftEngine({ url: url.toString(), probeHalfRuns: false });
    const found: string[] = [];
    let summary = '';
    try {
      const outcome = await engine.detect();
      summary = `verdict ${outcome.diagnosis.verdict}, refusal ${outcome.diagnosis.refusal ?? 'none'}`;
      for (const strategy of ['create-all', 'rerun', 'sync-ledger'] as const) {
        const plan = await engine.plan(strategy, outcome);
        found.push(...violations(plan, drift));
        const tc = drift.typeChange;
        if (strategy === 'rerun' && tc && plan.applicable && !plan.needsHuman.some((n) => n.reason.includes(tc.column))) rerunSilent.push(`seed ${seed}: ${tc.table}.${tc.column}`);
      }
    } finally {
      await engine.close();
      await adminQuery(`drop database if exists ${q(name)} with (force)`);
    }
    expect(found, `seed ${seed} (replay: DD_SEED=${seed} npx vitest run test/safety/never-destructive.test.ts)\n${summary}\nmutations:\n  ${drift.log.join('\n  ')}`).toEqual([]);
  });

  it('the checker itself catches every forbidden shape (and allows ledger-only writes)', () => {
    const step = (sql: string) => ({ kind: 'ddl' as const, sql, reason: '', locks: '', outsideTransaction: false });
    const plan = (sqls: string[]): RepairPlan => ({ strategy: 'create-all', applicable: true, refusal: null, consequence: '', steps: sqls.map(step), needsHuman: [], conflicts: [] });
    const drift: Drift = { log: [], typeChange: { table: 'agents', column: 'name', from: 'character varying(100)', to: 'text' }, withRows: new Set(['tools']) };
    const bad = ['drop table "x";', 'alter table "x" drop column "y";', 'truncate "x";', 'delete from "agents";', 'update "agents" set "name" = 1;',
      'alter table "agents" alter column "name" type varchar(100);', 'alter table "tools" add column "v" int not null;', 'create index "i" on "t" ("c"); delete from "x";'];
    for (const sql of bad) expect(violations(plan([sql]), { ...drift, typeChange: null }), sql).not.toEqual([]);
    const ok = ['delete from "public"."mikro_orm_migrations" where "name" = \'001\';', 'update "public"."mikro_orm_migrations" set "name" = \'a\' where "name" = \'a.js\';',
      'alter table "a" add constraint "f" foreign key ("b") references "c" ("id") on update cascade on delete set null;', 'alter table "tools" add column "v" int not null default 1;'];
    expect(violations(plan(ok), { ...drift, typeChange: null })).toEqual([]);
    expect(violations(plan([]), drift)).toHaveLength(1);
    expect(violations({ ...plan([]), needsHuman: [{ object: 'agents', reason: 'the models want a change that changes a column type: alter table "agents" alter column "name" type varchar(100)' }] }, drift)).toEqual([]);
  });

  it.skipIf(CASES.length < 10)('the generator still makes the states that matter (type changes, tables with rows)', () => {
    expect(seen.cases).toBe(CASES.length);
    expect(seen.typeChanges).toBeGreaterThanOrEqual(CASES.length / 3);
    expect(seen.tablesWithRows).toBeGreaterThanOrEqual(CASES.length / 2);
  });

  it('rerun lists a changed column type as "needs a human"', () => {
    expect(seen.typeChanges).toBeGreaterThan(0);
    expect(rerunSilent, `rerun plans silent about a changed column type:\n${rerunSilent.join('\n')}`).toEqual([]);
  });
});
