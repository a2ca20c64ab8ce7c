/**
 * Names that need quoting everywhere, on the real PostgreSQL: the second
 * sample application (test/fixtures/odd-names) lives in schema "Billing Ops",
 * has a table named by a reserved word ("user"), a mixed-case table
 * ("OrderItems") with mixed-case columns ("unitPrice", "buyerId"), an enum
 * type "Order State" with a value containing a space, a foreign key and a
 * mixed-case index, and keeps its ledger in "SchemaMigrations". Its
 * migrations are written the way MikroORM generates them for a configured
 * schema: every name qualified.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openOrm, PROJECT_ROOT } from '../../src/core/orm.js';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { fingerprint, holdLock, JOURNALS, type Holder } from '../faults/support.js';

const APP = path.join(PROJECT_ROOT, 'test/fixtures/odd-names');
const SCHEMA = 'Billing Ops';
const LEDGER = 'SchemaMigrations';
const ODD = ['--schema', SCHEMA, '--ledger-table', LEDGER, '--entities', path.join(APP, 'entities'), '--migrations', path.join(APP, 'migrations')];
const LEDGER_SQL = `"${SCHEMA}"."${LEDGER}"`;

function orm(url: string) {
  return openOrm({ url, schema: SCHEMA, ledgerTable: LEDGER, entitiesDir: path.join(APP, 'entities'), migrationsDir: path.join(APP, 'migrations') });
}

/** The odd application's own migration:up, then a user row, then someone drops "OrderItems". */
async function buildDrift(prefix: string): Promise<TestDatabase> {
  const db = await createTestDatabase(prefix);
  const o = await orm(db.url);
  try {
    expect((await o.migrator.up()).map((m) => m.name)).toEqual(['001_initial', '002_add_unit_price']);
  } finally {
    await o.close(true);
  }
  await db.query(`insert into "${SCHEMA}"."user" ("email", "displayName") values ('ann@example.com', 'Ann O''Neil'), ('bob@example.com', null)`);
  return db;
}

async function pending(url: string): Promise<string[]> {
  const o = await orm(url);
  try {
    return (await o.migrator.getPendingMigrations()).map((m) => m.name);
  } finally {
    await o.close(true);
  }
}

interface CheckJson { inSync: boolean; migrations: { name: string; recorded: boolean; presence: string }[] }

async function check(url: string): Promise<{ code: number; json: CheckJson }> {
  const r = await runCli(['check', '--json', '--url', url, ...ODD]);
  if (r.code === 2) throw new Error(`check failed: ${r.err}`);
  return { code: r.code, json: JSON.parse(r.out) as CheckJson };
}

// Several detections per test, each starting an embedded PostgreSQL: slow on a busy two-core machine.
describe('odd identifiers: schema "Billing Ops", table "user", "OrderItems"."unitPrice", enum "Order State", ledger "SchemaMigrations"', { timeout: 180_000 }, () => {
  const dbs: TestDatabase[] = [];
  const holders: Holder[] = [];
  afterAll(async () => {
    for (const h of holders) await h.release();
    for (const d of dbs) await d.drop();
  });

  it('right after the real migrator ran, check says in sync (expected, models and live compare despite the quoting)', async () => {
    const db = await buildDrift('dd_odd');
    dbs.push(db);
    const { code, json } = await check(db.url);
    expect(json.migrations.map((m) => [m.name, m.recorded, m.presence])).toEqual([
      ['001_initial', true, 'all'],
      ['002_add_unit_price', true, 'all'],
    ]);
    expect(json.inSync).toBe(true);
    expect(code).toBe(0);
  });

  it.each(['create-all', 'rerun'])('after "OrderItems" is dropped, %s repairs to in sync, keeps the "user" rows, and migration:up is a no-op', async (strategy) => {
    const db = await buildDrift('dd_odd');
    dbs.push(db);
    await db.query(`drop table "${SCHEMA}"."OrderItems"`);
    const users = await db.query(`select * from "${SCHEMA}"."user" order by id`);

    const drift = await check(db.url);
    expect(drift.json.inSync).toBe(false);
    expect([1, 3]).toContain(drift.code);
    expect(drift.json.migrations.map((m) => [m.name, m.presence])).toEqual([['001_initial', 'partial'], ['002_add_unit_price', 'none']]);

    const dry = await runCli(['repair', '--strategy', strategy, '--dry-run', '--url', db.url, ...ODD]);
    expect(dry.code, dry.out + dry.err).toBe(0);
    expect(dry.out).toContain('create table "Billing Ops"."OrderItems"');
    expect(dry.out).toContain('[locks: new table "Billing Ops"."OrderItems" (no lock on existing data)]');
    expect(dry.out).toContain('[locks: SHARE ROW EXCLUSIVE on "Billing Ops"."OrderItems" and "Billing Ops"."user"]');

    const applied = await runCli(['repair', '--strategy', strategy, '--yes', '--journal', JOURNALS, '--url', db.url, ...ODD]);
    expect(applied.code, applied.out + applied.err).toBe(0);
    expect(applied.out).toContain('verified: in sync');

    const after = await check(db.url);
    expect(after.json.inSync).toBe(true);
    expect(after.code).toBe(0);
    expect(await db.query(`select * from "${SCHEMA}"."user" order by id`)).toEqual(users);
    const ledger = await db.query<{ name: string }>(`select name from ${LEDGER_SQL} order by name`);
    expect(ledger.map((r) => r.name)).toEqual(['001_initial', '002_add_unit_price']);
    const columns = await db.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = $1 and table_name = 'OrderItems' order by ordinal_position`, [SCHEMA]);
    expect(columns.map((c) => c.column_name)).toEqual(expect.arrayContaining(['buyerId', 'unitPrice', 'state', 'createdAt']));
    expect(await pending(db.url)).toEqual([]);
    console.log(`[identifiers] ${strategy}: "Billing Ops"."OrderItems" rebuilt, ledger "SchemaMigrations" = 001_initial, 002_add_unit_price; check in sync; migration:up pending nothing`);
  });

  it('lock_timeout on an odd name: the message names "Billing Ops"."user" and the blocking backend; nothing changes', async () => {
    const db = await buildDrift('dd_odd');
    dbs.push(db);
    await db.query(`drop table "${SCHEMA}"."OrderItems"`);
    const before = await fingerprint(db, LEDGER_SQL);
    const holder = await holdLock(db, `lock table "${SCHEMA}"."user" in row exclusive mode`, 'odd blocker');
    holders.push(holder);
    const r = await runCli(['repair', '--strategy', 'create-all', '--yes', '--journal', JOURNALS, '--lock-timeout', '500', '--url', db.url, ...ODD]);
    await holder.release();
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toContain('for a lock on "Billing Ops"."user" (it needs SHARE ROW EXCLUSIVE)');
    expect(r.out).toContain(`backend ${holder.pid} (application "odd blocker"`);
    expect(await fingerprint(db, LEDGER_SQL)).toEqual(before);
  });
});
