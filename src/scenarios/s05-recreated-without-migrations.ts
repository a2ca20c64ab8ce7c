import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Scenario, ScenarioTarget } from './types.js';
import {
  applyHistory, assertEmptyTarget, connect, createLedgerTable, databaseNameOf, inTransaction, LEDGER_TABLE, migrationNames,
  quoteIdent, say, sleep, withClient, withDatabase,
} from './steps.js';

const run = promisify(execFile);

/** Pause between the last run in A and the recreation of the target. */
const RECREATE_GAP_MS = 2500;

/** libpq environment for pg_dump/psql, so the URL (and its password) never appears on a command line. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PGSERVICE', 'PGSSLMODE', 'PGOPTIONS']) delete env[k];
  env.PGHOST = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')) || 'localhost';
  env.PGPORT = u.port || '5432';
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  env.PGDATABASE = databaseNameOf(url);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

async function tool(command: 'pg_dump' | 'psql', args: string[], url: string): Promise<void> {
  try {
    await run(command, args, { env: libpqEnv(url), maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new Error(`S05 needs ${command} on PATH (PostgreSQL client tools)`);
    throw new Error(`${command} failed: ${(err.stderr ?? err.message).trim()}`);
  }
}

/** SQL on the maintenance database `postgres` of the same server. */
async function onMaintenance<T>(url: string, fn: (q: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<T>): Promise<T> {
  const client = await connect(withDatabase(url, 'postgres'));
  try {
    return await fn((sql, params) => client.query(sql, params as unknown[]));
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropDatabase(url: string, name: string): Promise<void> {
  await onMaintenance(url, async (q) => {
    for (let attempt = 0; ; attempt++) {
      await q('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      try {
        await q(`drop database if exists ${quoteIdent(name)}`);
        return;
      } catch (e) {
        if (attempt >= 10 || (e as { code?: string }).code !== '55006') throw e;
        await sleep(200);
      }
    }
  });
}

/** Real server: apply in A, dump the ledger table of A, recreate B, restore into it, drop A. */
async function buildOnServer(target: ScenarioTarget): Promise<void> {
  const b = databaseNameOf(target.url);
  if (['postgres', 'template0', 'template1'].includes(b)) {
    throw new Error(`refusing to build scenario S05 in database "${b}": S05 drops and recreates its target database`);
  }
  const a = `${b.slice(0, 63 - '_origin_'.length - 6)}_origin_${randomBytes(3).toString('hex')}`;
  const aUrl = withDatabase(target.url, a);
  const dir = await mkdtemp(path.join(tmpdir(), 'drift-doctor-s05-'));
  const dump = path.join(dir, `${LEDGER_TABLE}.sql`);
  await onMaintenance(target.url, (q) => q(`create database ${quoteIdent(a)}`));
  say(target, `created source database ${a}`);
  try {
    await applyHistory({ ...target, url: aUrl }, '001', '019');
    await tool('pg_dump', ['--no-password', '--no-owner', '--no-privileges', `--table=public.${LEDGER_TABLE}`, `--file=${dump}`], aUrl);
    say(target, `dumped ${a}.${LEDGER_TABLE} (schema and data) with pg_dump`);
    // The target is "freshly created" well after the rows were executed: the
    // database creation time Postgres shows (PG_VERSION's mtime) has one-second
    // resolution, and a row must look more than a second older than it.
    await sleep(RECREATE_GAP_MS);
    const owner = await onMaintenance(target.url, async (q) => {
      const res = await q('select pg_get_userbyid(datdba) as owner from pg_database where datname = $1', [b]);
      return String(res.rows[0]?.owner ?? '');
    });
    if (!owner) throw new Error(`S05: database "${b}" not found on the server`);
    await dropDatabase(target.url, b);
    await onMaintenance(target.url, (q) => q(`create database ${quoteIdent(b)} owner ${quoteIdent(owner)}`));
    say(target, `dropped and recreated the target database ${b}`);
    await tool('psql', ['--no-password', '-X', '-q', '-v', 'ON_ERROR_STOP=1', `--file=${dump}`], target.url);
    say(target, `restored the dump into ${b} with psql`);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await dropDatabase(target.url, a).catch(() => {});
    say(target, `dropped source database ${a}`);
  }
}

/**
 * Embedded PGlite has one database and no pg_dump: the ledger table is
 * created, then the rows of a two-run history are copied into it in one
 * INSERT carrying their original ids and executed_at values (as the COPY of a
 * restore does), then the id sequence is set as the dump's setval would.
 */
async function buildEmbedded(target: ScenarioTarget): Promise<void> {
  const run1 = await migrationNames('001', '017');
  const run2 = await migrationNames('018', '019');
  const now = Date.now();
  const at1 = new Date(now - 26 * 3600_000);
  const at2 = new Date(now - 25 * 3600_000 + 4 * 60_000);
  const rows = [...run1.map((n) => [n, at1] as const), ...run2.map((n) => [n, at2] as const)];
  await withClient(target, async (client) => {
    await createLedgerTable(client);
    await inTransaction(client, async () => {
      const values = rows.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
      await client.query(
        `insert into "${LEDGER_TABLE}" ("id", "name", "executed_at") values ${values}`,
        rows.flatMap(([name, at], i) => [i + 1, name, at]),
      );
    });
    await client.query(`select setval('"${LEDGER_TABLE}_id_seq"', $1, true)`, [rows.length]);
  });
  say(target, `ledger table created; rows 001…019 copied in with the executed_at of two past runs`);
}

export const recreatedWithoutMigrations: Scenario = {
  id: 'S05',
  name: 'recreated-without-migrations',
  title: 'Only the ledger table was dumped and restored into a freshly created database',
  done:
    'On a real server: a source database A (named after the target plus `_origin_<random>`) was created and the real ' +
    'Migrator applied 001…019 there in two runs (001…017, then 018…019). The ledger table alone was dumped from A with ' +
    '`pg_dump --table` (schema and data); the target database was then dropped and created anew (so it is younger than ' +
    'every ledger row), the dump restored into it with psql, and A dropped. On embedded PGlite (one database, no pg_dump) ' +
    'the ledger table was created and the 19 rows copied into it by one INSERT carrying their ids and the executed_at ' +
    'values of two runs a day old, followed by the setval a restore does. Nothing else exists.',
  async build(target) {
    await assertEmptyTarget(target, 'S05 recreated-without-migrations');
    if (target.embedded) await buildEmbedded(target);
    else await buildOnServer(target);
  },
};
