import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkJson, runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { migratorUp } from '../helpers/migrator.js';

/** A fully migrated database whose ledger then got a row written twice and one dated backwards. */
describe('ledger with a duplicate row', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('dd_dupes');
    await migratorUp(db.url);
    await db.query(`insert into mikro_orm_migrations (name, executed_at) values ('005_add_execution_traces', now() - interval '3 days')`);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('is drift, with evidence naming the duplicate', async () => {
    const { code, json } = await checkJson(db.url);
    expect(code).not.toBe(0);
    expect(json.inSync).toBe(false);
    const evidence = json.diagnosis.hypotheses.flatMap((h) => h.evidence);
    expect(evidence.some((e) => e.kind === 'duplicate-rows' && e.objects.includes('005_add_execution_traces'))).toBe(true);
  });

  it('sync-ledger removes only the duplicate row, by id', async () => {
    const before = await db.query<{ id: number; name: string }>(`select id, name from mikro_orm_migrations order by id`);
    const dry = await runCli(['repair', '--strategy', 'sync-ledger', '--dry-run', '--url', db.url]);
    const dupe = before.filter((r) => r.name === '005_add_execution_traces').at(-1)!;
    expect(dry.out).toContain(`delete from "public"."mikro_orm_migrations" where "id" = ${dupe.id};`);
    const r = await runCli(['repair', '--strategy', 'sync-ledger', '--yes', '--url', db.url]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(await db.query(`select id, name from mikro_orm_migrations order by id`)).toEqual(before.filter((x) => x.id !== dupe.id));
  });
});
