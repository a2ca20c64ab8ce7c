import { describe, expect, it } from 'vitest';
import { checkJson, runCli } from '../helpers/cli.js';
import { repairToSync, scenarioDatabases } from '../helpers/scenario.js';
import { migratorUp, pendingMigrations } from '../helpers/migrator.js';

const { build } = scenarioDatabases();

describe('S02 stamped-without-running', () => {
  it('check ranks stamped-without-running first', async () => {
    const db = await build('stamped-without-running');
    const { code, json } = await checkJson(db.url);
    expect(code).toBe(1);
    expect(json.diagnosis.verdict).toBe('stamped-without-running');
    expect(json.diagnosis.hypotheses[0]!.evidence.some((e) => e.kind === 'batch-made-nothing')).toBe(true);
  });

  it('keeps its evidence after VACUUM FREEZE (PostgreSQL keeps the raw xmin of frozen rows)', async () => {
    const db = await build('stamped-without-running');
    const before = await db.query(`select xmin::text as x from mikro_orm_migrations`);
    await db.query('vacuum freeze mikro_orm_migrations');
    expect(await db.query(`select xmin::text as x from mikro_orm_migrations`)).toEqual(before);
    const { json } = await checkJson(db.url);
    expect(json.diagnosis.verdict).toBe('stamped-without-running');
    expect(json.diagnosis.hypotheses.flatMap((h) => h.evidence).some((e) => e.kind === 'ledger-frozen')).toBe(false);
  });

  it.each(['create-all', 'rerun'])('%s repairs it and migration:up is then a no-op', async (strategy) => {
    const db = await build('stamped-without-running');
    await repairToSync(db, strategy);
    expect(await migratorUp(db.url)).toEqual([]);
  });

  it('sync-ledger un-records 001…012 and leaves the schema alone', async () => {
    const db = await build('stamped-without-running');
    await repairToSync(db, 'sync-ledger');
    expect(await db.query(`select name from mikro_orm_migrations`)).toEqual([]);
    expect(await db.query(`select 1 from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and relname <> 'mikro_orm_migrations'`)).toEqual([]);
    expect((await pendingMigrations(db.url)).length).toBe(20);
    // ...and the sample app's own migrator now applies them all cleanly.
    expect((await migratorUp(db.url)).length).toBe(20);
  });
});

describe('S03 dropped-after-apply', () => {
  it('check ranks dropped-after-apply first, citing the surviving enum type and sequence', async () => {
    const db = await build('dropped-after-apply');
    const { json } = await checkJson(db.url);
    expect(json.diagnosis.verdict).toBe('dropped-after-apply');
    const top = json.diagnosis.hypotheses[0]!;
    expect(top.evidence.some((e) => e.kind === 'leftover-enum' && e.objects.includes('approval_status'))).toBe(true);
    expect(top.evidence.some((e) => e.kind === 'leftover-sequence' && e.objects.includes('plan_number_seq'))).toBe(true);
    expect(top.evidence.some((e) => e.kind === 'batch-made-objects')).toBe(true);
  });

  it('rerun re-creates 003 and 007, reusing the leftovers (no "already exists")', async () => {
    const db = await build('dropped-after-apply');
    const dry = await runCli(['repair', '--strategy', 'rerun', '--dry-run', '--url', db.url]);
    expect(dry.code).toBe(0);
    expect(dry.out).not.toMatch(/create type "approval_status"/);
    expect(dry.out).not.toMatch(/create sequence "plan_number_seq"/);
    expect(dry.out).toMatch(/create table "plans"/);
    await repairToSync(db, 'rerun');
    // Re-run ends at head: the app's own migrator has nothing left to do.
    expect(await migratorUp(db.url)).toEqual([]);
  });

  it('create-all repairs it too', async () => {
    const db = await build('dropped-after-apply');
    await repairToSync(db, 'create-all');
    expect(await migratorUp(db.url)).toEqual([]);
  });
});
