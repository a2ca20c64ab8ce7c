import { describe, expect, it } from 'vitest';
import { checkJson, runCli, type CheckJson } from '../helpers/cli.js';
import { repairToSync, scenarioDatabases } from '../helpers/scenario.js';
import { migratorUp } from '../helpers/migrator.js';

const { build } = scenarioDatabases();

function evidenceOf(json: CheckJson, id: string) {
  return json.diagnosis.hypotheses.find((h) => h.id === id)?.evidence ?? [];
}

describe('S04 failed-midway', () => {
  it('is diagnosed from the invalid index and the half-run 018, and repaired with the index rebuilt', async () => {
    const db = await build('failed-midway');
    const { json } = await checkJson(db.url);
    expect(json.diagnosis.verdict).toBe('failed-midway');
    const ev = evidenceOf(json, 'failed-midway');
    expect(ev.some((e) => e.kind === 'invalid-index' && e.objects.includes('request_logs_path_created_at_index'))).toBe(true);
    await repairToSync(db, 'rerun');
    const idx = await db.query<{ valid: boolean }>(`select indisvalid as valid from pg_index where indexrelid = 'request_logs_path_created_at_index'::regclass`);
    expect(idx).toEqual([{ valid: true }]);
    expect(await db.query(`select 1 from information_schema.columns where table_name = 'request_logs' and column_name = 'correlation_id'`)).toHaveLength(1);
    expect(await migratorUp(db.url)).toEqual([]);
  });
});

describe('S05 recreated-without-migrations', () => {
  it('is diagnosed from rows older than the database, copied in one transaction; rerun repairs it', async () => {
    const db = await build('recreated-without-migrations');
    const { json } = await checkJson(db.url);
    expect(json.diagnosis.verdict).toBe('recreated-without-migrations');
    const kinds = evidenceOf(json, 'recreated-without-migrations').map((e) => e.kind);
    expect(kinds).toContain('executed-before-database');
    expect(kinds).toContain('one-transaction-many-instants');
    expect(json.diagnosis.recommended).toBe('rerun');
    await repairToSync(db, 'rerun');
    expect(await migratorUp(db.url)).toEqual([]);
  });
});

describe('S06 out-of-band-objects', () => {
  it('sees the hand-made agents before running anything and reconciles instead of failing', async () => {
    const db = await build('out-of-band-objects');
    const { json } = await checkJson(db.url);
    expect(json.diagnosis.verdict).toBe('out-of-band-objects');
    expect(evidenceOf(json, 'out-of-band-objects').some((e) => e.objects.includes('agents'))).toBe(true);
    const dry = await runCli(['repair', '--strategy', 'rerun', '--dry-run', '--url', db.url]);
    expect(dry.out).toMatch(/conflict foreseen: 009_add_agents .*already exists/);
    expect(dry.out).not.toMatch(/create table "agents"/);
    const rows = await db.query(`select id, name from agents order by id`);
    await repairToSync(db, 'rerun');
    expect(await db.query(`select id, name from agents order by id`)).toEqual(rows);
    expect(await migratorUp(db.url)).toEqual([]);
  });
});

describe('S07 ledger-name-mismatch', () => {
  it('is repaired in the ledger only: names normalised, no duplicates, nothing re-run', async () => {
    const db = await build('ledger-name-mismatch');
    const { json } = await checkJson(db.url);
    expect(json.diagnosis.verdict).toBe('ledger-name-mismatch');
    expect(json.diagnosis.recommended).toBe('sync-ledger');
    const dry = await runCli(['repair', '--strategy', 'sync-ledger', '--dry-run', '--url', db.url]);
    expect(dry.out).not.toMatch(/create table/i);
    await repairToSync(db, 'sync-ledger');
    const names = (await db.query<{ name: string }>(`select name from mikro_orm_migrations order by id`)).map((r) => r.name);
    expect(names).toHaveLength(19);
    expect(names.every((n) => !n.endsWith('.js'))).toBe(true);
    expect(new Set(names).size).toBe(19);
  });
});

describe('S08 db-ahead-of-code', () => {
  it('refuses to repair (exit 3) and says to check out the right code', async () => {
    const db = await build('db-ahead-of-code');
    const { code, json } = await checkJson(db.url);
    expect(code).toBe(3);
    expect(json.diagnosis.verdict).toBe('db-ahead-of-code');
    expect(json.diagnosis.refusal).toMatch(/021_add_billing/);
    for (const strategy of ['create-all', 'rerun', 'sync-ledger']) {
      const r = await runCli(['repair', '--strategy', strategy, '--yes', '--url', db.url]);
      expect(r.code).toBe(3);
      expect(r.out).toMatch(/Check out the revision/);
    }
    expect(await db.query(`select 1 from mikro_orm_migrations where name = '021_add_billing'`)).toHaveLength(1);
  });
});

describe('S09 schema-without-ledger', () => {
  it('is repaired by a verified stamp: the blind stamp refuses over the half-present 003, create-all adds only its sequence and records all', async () => {
    const db = await build('schema-without-ledger');
    const { json } = await checkJson(db.url);
    expect(json.diagnosis.verdict).toBe('schema-without-ledger');
    // The models do not describe 003's standalone sequence, so 003 is only partly present.
    expect(json.diagnosis.recommended).toBe('create-all');
    const stamp = await runCli(['repair', '--strategy', 'sync-ledger', '--dry-run', '--url', db.url]);
    expect(stamp.code).toBe(3);
    expect(stamp.out).toMatch(/003_evolution_system is only partly present \(missing plan_number_seq\)/);
    const tablesBefore = await db.query(`select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'`);
    const dry = await runCli(['repair', '--strategy', 'create-all', '--dry-run', '--url', db.url]);
    expect(dry.out.split('\n').filter((l) => /^(create|alter)/i.test(l))).toEqual([
      'create table if not exists "public"."mikro_orm_migrations" ("id" serial primary key, "name" varchar(255), "executed_at" timestamptz default current_timestamp);',
      'create sequence "plan_number_seq";',
    ]);
    await repairToSync(db, 'create-all');
    expect(await db.query(`select count(*)::int as n from mikro_orm_migrations`)).toEqual([{ n: 20 }]);
    const tablesAfter = await db.query<{ n: number }>(`select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'`);
    expect(tablesAfter[0]!.n).toBe((tablesBefore[0] as { n: number }).n + 1);
    expect(await migratorUp(db.url)).toEqual([]);
  });
});

describe('S10 ledger-elsewhere', () => {
  it('names the ledger it found and refuses until the operator points at it; then all is in sync', async () => {
    const db = await build('ledger-elsewhere');
    const { code, json } = await checkJson(db.url);
    expect(code).toBe(3);
    expect(json.diagnosis.verdict).toBe('ledger-elsewhere');
    expect(json.diagnosis.refusal).toMatch(/ops\.mikro_orm_migrations/);
    const r = await runCli(['repair', '--strategy', 'sync-ledger', '--yes', '--url', db.url]);
    expect(r.code).toBe(3);
    const confirmed = await runCli(['check', '--url', db.url, '--ledger-schema', 'ops']);
    expect(confirmed.code, confirmed.out).toBe(0);
  });
});
