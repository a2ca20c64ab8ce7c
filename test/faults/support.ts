/**
 * What the fault tests share: the real binary as a child process, a second
 * session that holds a lock, polling pg_stat_activity, and a fingerprint of
 * the database that any committed change would alter.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { PROJECT_ROOT } from '../../src/core/orm.js';
import type { TestDatabase } from '../helpers/db.js';

export const BIN = path.join(PROJECT_ROOT, 'bin/drift-doctor');

/** Where the repairs these tests start write their journals (`--journal`), not the working tree. */
export const JOURNALS = mkdtempSync(path.join(os.tmpdir(), 'dd-fault-journals-'));
// Registered on the importing test file's root suite.
afterAll(() => rmSync(JOURNALS, { recursive: true, force: true }));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface Child {
  process: ChildProcess;
  /** Everything printed so far. */
  output(): { out: string; err: string };
  exited: Promise<Exit>;
}

/** Starts `node bin/drift-doctor …` exactly as an operator would. */
export function spawnCli(args: string[]): Child {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { process: child, output: () => ({ out, err }), exited };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 120_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A second session, as an application would hold it: a transaction left open with a lock. */
export interface Holder {
  pid: number;
  client: pg.Client;
  release(): Promise<void>;
}

export async function holdLock(db: TestDatabase, lockSql: string, application = 'fault-test-blocker'): Promise<Holder> {
  const client = new pg.Client({ connectionString: db.url, application_name: application });
  client.on('error', () => {});
  await client.connect();
  const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  await client.query('begin');
  await client.query(lockSql);
  let released = false;
  return {
    pid,
    client,
    async release() {
      if (released) return;
      released = true;
      await client.query('rollback').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

interface Activity { pid: number; wait_event_type: string | null; wait_event: string | null; state: string | null }

/** drift-doctor's sessions on the test database (its own pg client names itself `drift-doctor`). */
export async function driftDoctorSessions(db: TestDatabase): Promise<Activity[]> {
  return db.query<Activity>(
    `select pid, wait_event_type, wait_event, state from pg_stat_activity
      where datname = $1 and application_name = 'drift-doctor' and pid <> pg_backend_pid()`,
    [db.name],
  );
}

/** The pid of a drift-doctor session waiting for a heavyweight lock. */
export async function waitingOnLock(db: TestDatabase, except: number[] = []): Promise<number> {
  const found = await waitFor('a drift-doctor session waiting on a lock', async () =>
    (await driftDoctorSessions(db)).find((a) => a.wait_event_type === 'Lock' && !except.includes(a.pid))?.pid);
  return found;
}

export async function gone(db: TestDatabase, pid: number, timeoutMs = 15_000): Promise<void> {
  await waitFor(`backend ${pid} to end`, async () => (await db.query(`select 1 from pg_stat_activity where pid = $1`, [pid])).length === 0, timeoutMs);
}

/** Relation locks a backend holds: proof that earlier steps of its transaction ran. */
export async function locksHeldBy(db: TestDatabase, pid: number): Promise<number> {
  const rows = await db.query<{ n: number }>(`select count(*)::int as n from pg_locks where pid = $1 and granted and locktype = 'relation'`, [pid]);
  return rows[0]!.n;
}

/**
 * Everything a committed change would alter: ledger rows with their xmin,
 * every relation (tables, indexes, sequences) and type of the user schemas
 * with the xmin of its catalog row, and every constraint.
 */
export interface Fingerprint {
  ledger: { id: number; name: string; executed_at: string; xmin: string }[];
  relations: string[];
  types: string[];
  constraints: string[];
}

export async function fingerprint(db: TestDatabase, ledger = '"public"."mikro_orm_migrations"'): Promise<Fingerprint> {
  const user = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'`;
  const ledgerRows = await db.query<Fingerprint['ledger'][number]>(`select id, name, executed_at::text, xmin::text from ${ledger} order by id`).catch(() => []);
  const relations = await db.query<{ r: string }>(
    `select n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' xmin ' || c.xmin as r from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${user} order by 1`);
  const types = await db.query<{ t: string }>(
    `select n.nspname || '.' || t.typname || ' ' || t.typtype::text || ' xmin ' || t.xmin as t from pg_type t join pg_namespace n on n.oid = t.typnamespace where ${user} and t.typtype in ('e', 'd', 'c') and (t.typrelid = 0 or exists (select 1 from pg_class c where c.oid = t.typrelid and c.relkind = 'c')) order by 1`);
  const constraints = await db.query<{ k: string }>(
    `select n.nspname || '.' || k.conname || ' ' || k.contype::text || ' xmin ' || k.xmin as k from pg_constraint k join pg_namespace n on n.oid = k.connamespace where ${user} order by 1`);
  return { ledger: ledgerRows, relations: relations.map((r) => r.r), types: types.map((t) => t.t), constraints: constraints.map((k) => k.k) };
}

/** The sentence each fault test prints once it has compared fingerprints. */
export function unchangedSentence(label: string, f: Fingerprint): string {
  const kinds = (k: string) => f.relations.filter((r) => r.split(' ')[1] === k).length;
  return `[${label}] database unchanged: ${f.ledger.length} ledger rows (same ids, names, executed_at, xmin), ` +
    `${kinds('r')} tables, ${kinds('i')} indexes, ${kinds('S')} sequences, ${f.types.length} types, ${f.constraints.length} constraints — same names, same catalog xmin`;
}

/** The rows-written counters of every user table (pg_stat_user_tables), to prove a run wrote nothing. */
export async function writeCounters(db: TestDatabase): Promise<Record<string, string>> {
  const rows = await db.query<{ t: string; w: string }>(
    `select schemaname || '.' || relname as t, n_tup_ins || '/' || n_tup_upd || '/' || n_tup_del || '/' || n_tup_hot_upd as w from pg_stat_user_tables order by 1`);
  return Object.fromEntries(rows.map((r) => [r.t, r.w]));
}
