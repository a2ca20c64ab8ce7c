import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios/index.js';
import { HAND_MADE_AGENTS, migrationNames } from '../../src/scenarios/steps.js';

/**
 * Scenarios built on the embedded PGlite over its socket, with the socket's
 * default of ONE connection: the builders must never hold two at once.
 */

let db: PGlite;
let server: PGLiteSocketServer;
let url: string;

async function q<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Back to an empty database between scenarios (one PGlite instance for the whole file). */
async function reset(): Promise<void> {
  await q('drop schema if exists ops cascade; drop schema public cascade; create schema public');
}

async function build(name: string): Promise<string[]> {
  const log: string[] = [];
  const t0 = Date.now();
  await findScenario(name)!.build({ url, embedded: true, log: (l) => log.push(l) });
  console.info(`embedded ${name} built in ${Date.now() - t0} ms: ${log.join(' | ')}`);
  return log;
}

interface LedgerRow { id: number; name: string; executed_at: Date; xmin: string }
const ledger = (schema = 'public') =>
  q<LedgerRow>(`select id, name, executed_at, xmin::text as xmin from "${schema}"."mikro_orm_migrations" order by id`);
const tables = async () => (await q<{ t: string }>(`select tablename as t from pg_tables where schemaname = 'public' order by 1`)).map((r) => r.t);
const columns = async (table: string) =>
  (await q<{ c: string }>(`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`, [table])).map((r) => r.c);
const distinct = <T>(xs: T[]): T[] => [...new Set(xs)];

beforeAll(async () => {
  db = await PGlite.create();
  server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1' });
  await server.start();
  url = `postgresql://postgres@${server.getServerConn()}/postgres`;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await db?.close();
});

describe('scenarios on embedded PGlite', () => {
  it('builds seed-incident', async () => {
    await build('seed-incident');
    const rows = await ledger();
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '019'));
    expect(distinct(rows.map((r) => r.xmin))).toHaveLength(1);
    expect(await tables()).toEqual(['agents', 'mikro_orm_migrations', 'tools']);
    expect(await columns('agents')).toContain('model_name');
    expect(await columns('agents')).not.toContain('model_id');
    expect(await columns('tools')).toEqual(['id', 'name', 'description', 'input_schema', 'handler', 'is_enabled', 'created_at']);
    expect((await q<{ name: string }>('select name from agents order by id')).map((r) => r.name)).toEqual(HAND_MADE_AGENTS.map((a) => a.name));
    const xmins = await q<{ x: string }>(`select c.xmin::text as x from pg_class c where c.relname in ('agents', 'tools') and c.relnamespace = 'public'::regnamespace`);
    expect(distinct([...xmins.map((r) => r.x), rows[0]!.xmin])).toHaveLength(3);
  });

  it('refuses to build over it', async () => {
    await expect(build('stamped-without-running')).rejects.toThrow(/refusing to build scenario S02/);
  });

  it('builds failed-midway with a real index-build failure', async () => {
    await reset();
    const log = await build('failed-midway');
    expect(log.join('\n')).toMatch(/index row size \d+ exceeds btree version 4 maximum 2704/);
    const rows = await ledger();
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '018'));
    expect(await q(`select indisvalid from pg_index where indexrelid = 'request_logs_path_created_at_index'::regclass`)).toEqual([{ indisvalid: false }]);
    expect(await columns('request_logs')).not.toContain('correlation_id');
    expect(await q(`select count(*)::int as n from request_logs`)).toEqual([{ n: 0 }]);
  });

  it('builds recreated-without-migrations as a copied ledger', async () => {
    await reset();
    await build('recreated-without-migrations');
    const rows = await ledger();
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '019'));
    expect(distinct(rows.map((r) => r.xmin))).toHaveLength(1);
    expect(distinct(rows.map((r) => new Date(r.executed_at).getTime()))).toHaveLength(2);
    expect(await tables()).toEqual(['mikro_orm_migrations']);
  });

  it('builds dropped-after-apply with per-migration transactions (no master transaction on PGlite)', async () => {
    await reset();
    await build('dropped-after-apply');
    const rows = await ledger();
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '016'));
    // allOrNothing is off on the embedded target: each migration commits with its own ledger row.
    expect(distinct(rows.map((r) => r.xmin))).toHaveLength(16);
    const t = await tables();
    expect(t).not.toContain('plans');
    expect(t).not.toContain('task_queues');
    expect(await q(`select typname from pg_type where typname = 'approval_status'`)).toHaveLength(1);
    expect(await q(`select sequencename from pg_sequences where sequencename = 'plan_number_seq'`)).toHaveLength(1);
  });

  it('builds the other scenarios', async () => {
    await reset();
    await build('out-of-band-objects');
    expect((await ledger()).map((r) => r.name)).toEqual(await migrationNames('001', '008'));
    expect(await columns('agents')).toContain('model_name');

    await reset();
    await build('ledger-name-mismatch');
    expect((await ledger()).every((r) => r.name.endsWith('.js'))).toBe(true);
    expect(await columns('request_logs')).toContain('correlation_id');

    await reset();
    await build('db-ahead-of-code');
    expect((await ledger()).map((r) => r.name).at(-1)).toBe('021_add_billing');
    expect(await tables()).toContain('billing_accounts');

    await reset();
    await build('schema-without-ledger');
    expect(await tables()).toHaveLength(33);
    expect(await q(`select 1 from pg_class where relname = 'mikro_orm_migrations'`)).toEqual([]);

    await reset();
    await build('ledger-elsewhere');
    expect(await ledger('ops')).toHaveLength(20);
    expect(await q(`select schemaname from pg_tables where tablename = 'mikro_orm_migrations'`)).toEqual([{ schemaname: 'ops' }]);
  }, 180_000);
});
