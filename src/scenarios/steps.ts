/**
 * Shared steps of the scenario builders: a plain pg client, real Migrator
 * runs, the ledger table exactly as MikroORM creates it, and the hand-made
 * tables several scenarios need. Everything here acts on the database the way
 * an operator would; nothing touches catalogs directly.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openOrm, SAMPLE_MIGRATIONS_DIR } from '../core/orm.js';
import type { ScenarioTarget } from './types.js';

/** Pause between two "occasions" (runs, hand edits on another day) so that executed_at values differ. */
export const OCCASION_GAP_MS = 1200;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function say(target: ScenarioTarget, line: string): void {
  target.log?.(line);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------
// Plain pg client

/**
 * Opens one plain connection. The embedded PGlite socket accepts one
 * connection at a time and frees the slot a moment after the previous client
 * left, so "too many connections" is retried briefly there.
 */
export async function connect(url: string, embedded = false): Promise<pg.Client> {
  const deadline = Date.now() + (embedded ? 5000 : 0);
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {
      // A dropped connection surfaces through the pending query; never crash the process.
    });
    try {
      await client.connect();
      return client;
    } catch (e) {
      await client.end().catch(() => {});
      const message = (e as Error).message ?? '';
      const busy = /too many connections|connection terminated|ECONNRESET/i.test(message);
      if (!busy || Date.now() > deadline) throw e;
      await sleep(100);
    }
  }
}

/** Runs `fn` on a fresh connection to the target and closes it (one connection at a time: PGlite needs that). */
export async function withClient<T>(target: ScenarioTarget, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(target.url, target.embedded === true);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** One explicit transaction: BEGIN, `fn`, COMMIT (ROLLBACK on error). */
export async function inTransaction<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    const out = await fn();
    await client.query('commit');
    return out;
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  }
}

/**
 * The guard every build starts with: the target must be an empty database
 * (no tables, views or sequences-with-tables in `public`), so a wrong URL
 * cannot damage anything.
 */
/** The target is not a fresh, empty database: nothing was done to it. */
export class ScenarioRefused extends Error {}

export async function assertEmptyTarget(target: ScenarioTarget, scenario: string): Promise<void> {
  await withClient(target, async (client) => {
    const db = (await client.query<{ name: string }>('select current_database() as name')).rows[0]?.name ?? '';
    if (!target.embedded && ['postgres', 'template0', 'template1'].includes(db)) {
      throw new ScenarioRefused(`refusing to build scenario ${scenario} into the maintenance database "${db}"`);
    }
    const schema = await client.query(`select 1 from pg_namespace where nspname = 'public'`);
    if (!schema.rowCount) {
      throw new ScenarioRefused(`refusing to build scenario ${scenario}: the target database has no schema "public"; scenarios are built only into an empty, freshly created database`);
    }
    // Any user object in any schema counts: S05 drops and recreates the whole database.
    const res = await client.query<{ name: string }>(
      `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp_%' and n.nspname not like 'pg_toast_temp_%'
          and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
        union all
        select n.nspname || '.' || t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where n.nspname not in ('pg_catalog', 'information_schema') and t.typtype in ('e', 'd', 'c') and not exists (select 1 from pg_class c where c.reltype = t.oid)
        union all
        select nspname from pg_namespace where nspname not in ('public', 'pg_catalog', 'information_schema', 'pg_toast') and nspname not like 'pg_temp_%' and nspname not like 'pg_toast_temp_%'
        order by 1`,
    );
    if (res.rows.length) {
      const names = res.rows.slice(0, 5).map((r) => r.name).join(', ');
      throw new ScenarioRefused(
        `refusing to build scenario ${scenario}: the target database is not empty (${res.rows.length} object(s): ${names}${res.rows.length > 5 ? ', …' : ''}); ` +
          'scenarios are built only into an empty database — create a new one (createdb) and point at it',
      );
    }
  });
}

// ---------------------------------------------------------------------------
// The ledger

export const LEDGER_TABLE = 'mikro_orm_migrations';

/**
 * The DDL MikroORM 6.6.16's MigrationStorage.ensureTable() issues (knex
 * `increments()`, `string('name')`, `dateTime('executed_at').defaultTo(now)`).
 */
export function ledgerTableDDL(schema = 'public'): string {
  return `create table ${quoteIdent(schema)}.${quoteIdent(LEDGER_TABLE)} ("id" serial primary key, "name" varchar(255), "executed_at" timestamptz default current_timestamp)`;
}

export async function createLedgerTable(client: pg.Client, schema = 'public'): Promise<void> {
  await client.query(ledgerTableDDL(schema));
}

/** Ledger rows written by hand: ONE insert statement, executed_at left to its default. */
export async function insertLedgerRows(client: pg.Client, names: string[], schema = 'public'): Promise<void> {
  if (!names.length) return;
  const values = names.map((_, i) => `($${i + 1})`).join(', ');
  await client.query(`insert into ${quoteIdent(schema)}.${quoteIdent(LEDGER_TABLE)} ("name") values ${values}`, names);
}

// ---------------------------------------------------------------------------
// The sample application's migrations

export interface SampleMigration {
  /** Ledger name (file base name). */
  name: string;
  file: string;
  /** SQL of up(), read with up() + getQueries() without touching a database. */
  statements: string[];
  nonTransactional: boolean;
  /** Tables its statements create. */
  createdTables: string[];
}

interface MigrationLike {
  up(): Promise<void> | void;
  isTransactional(): boolean;
  getQueries(): unknown[];
}
type MigrationCtor = new (driver: unknown, config: unknown) => MigrationLike;

let cache: Promise<SampleMigration[]> | undefined;

async function loadSampleMigrations(): Promise<SampleMigration[]> {
  const files = readdirSync(SAMPLE_MIGRATIONS_DIR)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(SAMPLE_MIGRATIONS_DIR, f))
    .sort();
  const out: SampleMigration[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    // MikroORM instantiates the first function export; the sample files export exactly one class.
    const Cls = Object.values(mod).find((v) => typeof v === 'function') as MigrationCtor | undefined;
    if (!Cls) throw new Error(`migration file ${path.basename(file)} exports no class`);
    // The sample migrations only call addSql() in up(): no driver is needed to read their SQL.
    const m = new Cls(undefined, undefined);
    await m.up();
    const statements = m.getQueries().map((q) => (typeof q === 'string' ? q : String(q)));
    const createdTables = statements
      .map((s) => /^\s*create table (?:if not exists )?"([^"]+)"/i.exec(s)?.[1])
      .filter((t): t is string => !!t);
    out.push({
      name: path.basename(file).replace(/\.(ts|js)$/, ''),
      file,
      statements,
      nonTransactional: !m.isTransactional(),
      createdTables,
    });
  }
  return out;
}

export function sampleMigrations(): Promise<SampleMigration[]> {
  cache ??= loadSampleMigrations();
  return cache;
}

/** The migration whose name starts with `prefix` ('009' → '009_add_agents'). */
export async function migration(prefix: string): Promise<SampleMigration> {
  const all = await sampleMigrations();
  const m = all.find((x) => x.name.startsWith(prefix));
  if (!m) throw new Error(`no sample migration ${prefix}`);
  return m;
}

/** Names from `from` to `to` inclusive, by prefix ('001', '012'). */
export async function migrationNames(from: string, to: string): Promise<string[]> {
  const all = await sampleMigrations();
  const i = all.findIndex((m) => m.name.startsWith(from));
  const j = all.findIndex((m) => m.name.startsWith(to));
  if (i < 0 || j < 0 || j < i) throw new Error(`bad migration range ${from}…${to}`);
  return all.slice(i, j + 1).map((m) => m.name);
}

/** '001…008' for the progress lines. */
export function span(names: string[]): string {
  if (!names.length) return 'nothing';
  const a = names[0]!.slice(0, 3);
  const b = names[names.length - 1]!.slice(0, 3);
  return a === b ? a : `${a}…${b}`;
}

// ---------------------------------------------------------------------------
// Real Migrator runs

export interface RunOptions {
  /** First and last migration expected to run (prefixes). */
  from: string;
  to: string;
  /** Ledger schema when it is not `public` (S10). */
  ledgerSchema?: string;
  /** Words for the progress line, e.g. "run 1". */
  label: string;
}

/**
 * One `migration:up --to <to>` by the real MikroORM Migrator (a separate
 * ORM instance per run, as a separate deploy would be). Checks that exactly
 * `from…to` ran. On the embedded target the ORM uses a single connection and
 * no master transaction (non-transactional migrations deadlock otherwise).
 */
export async function runMigrator(target: ScenarioTarget, options: RunOptions): Promise<string[]> {
  const expected = await migrationNames(options.from, options.to);
  const embedded = target.embedded === true;
  const orm = await openOrm({
    url: target.url,
    ledgerSchema: options.ledgerSchema,
    singleConnection: embedded,
    allOrNothing: embedded ? false : undefined,
  });
  let ran: string[];
  try {
    const result = await orm.migrator.up({ to: expected[expected.length - 1]! });
    ran = result.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
  if (ran.join() !== expected.join()) {
    throw new Error(`the Migrator ran ${span(ran)} (${ran.length} migrations) where ${span(expected)} was expected`);
  }
  say(target, `applied ${span(ran)} (${options.label})`);
  return ran;
}

/**
 * Applies `from…to` the way a real team would have: a run never carries a
 * non-transactional migration after other migrations (stack notes §8), so
 * the history is split right before each one; the runs are separate
 * occasions (OCCASION_GAP_MS apart). Returns the runs' names.
 */
export async function applyHistory(
  target: ScenarioTarget,
  from: string,
  to: string,
  options: { ledgerSchema?: string; firstRun?: number } = {},
): Promise<string[][]> {
  const all = await sampleMigrations();
  const names = await migrationNames(from, to);
  const runs: string[][] = [];
  for (const name of names) {
    const m = all.find((x) => x.name === name)!;
    const current = runs[runs.length - 1];
    if (!current || (m.nonTransactional && current.length)) runs.push([name]);
    else current.push(name);
  }
  let n = options.firstRun ?? 1;
  for (const [i, run] of runs.entries()) {
    if (i > 0) await sleep(OCCASION_GAP_MS);
    await runMigrator(target, {
      from: run[0]!.slice(0, 3),
      to: run[run.length - 1]!.slice(0, 3),
      ledgerSchema: options.ledgerSchema,
      label: `run ${n++}`,
    });
  }
  return runs;
}

// ---------------------------------------------------------------------------
// Hand-made tables

/** Rows the hand-made `agents` table carries; repairs must keep them. */
export const HAND_MADE_AGENTS = [
  { name: 'planner', description: 'Breaks requests into plans', modelName: 'llama3:8b', systemPrompt: 'You plan.' },
  { name: 'coder', description: 'Writes and edits code', modelName: 'qwen2.5-coder:7b', systemPrompt: 'You write code.' },
  { name: 'reviewer', description: 'Reviews changes before approval', modelName: 'llama3:8b', systemPrompt: 'You review.' },
];

/**
 * `agents` as someone wrote it by hand instead of running 009: no `model_id`
 * (and so no foreign key to ollama_models), an extra `model_name` column
 * naming the model in plain text. Same table name, same unique name.
 */
export const HAND_MADE_AGENTS_SQL = [
  `create table "agents" ("id" serial primary key, "name" varchar(100) not null, "description" text null, "model_name" varchar(100) null, "system_prompt" text null, "config" jsonb null, "is_enabled" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now())`,
  `alter table "agents" add constraint "agents_name_unique" unique ("name")`,
];

/** Creates the hand-made `agents` and fills it, in one transaction of its own. */
export async function createHandMadeAgents(client: pg.Client): Promise<void> {
  await inTransaction(client, async () => {
    for (const sql of HAND_MADE_AGENTS_SQL) await client.query(sql);
    const values = HAND_MADE_AGENTS.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(', ');
    await client.query(
      `insert into "agents" ("name", "description", "model_name", "system_prompt") values ${values}`,
      HAND_MADE_AGENTS.flatMap((a) => [a.name, a.description, a.modelName, a.systemPrompt]),
    );
  });
}

// ---------------------------------------------------------------------------
// URLs

export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error('the target URL names no database');
  return name;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
