import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios/index.js';
import { checkJson, runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { migratorUp } from '../helpers/migrator.js';

const scenario = findScenario('seed-incident')!;

async function buildIncident(): Promise<TestDatabase> {
  const db = await createTestDatabase('dd_s01');
  await scenario.build({ url: db.url });
  return db;
}

describe('S01 seed-incident on the real PostgreSQL', () => {
  const dbs: TestDatabase[] = [];
  let db: TestDatabase;
  beforeAll(async () => {
    db = await buildIncident();
    dbs.push(db);
  });
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  it('check --json finds drift and ranks a cause that fits a hand-written ledger first', async () => {
    const { code, json } = await checkJson(db.url);
    expect(code).toBe(1);
    expect(json.inSync).toBe(false);
    expect(['stamped-without-running', 'recreated-without-migrations']).toContain(json.diagnosis.verdict);
    const byName = Object.fromEntries(json.migrations.map((m) => [m.name, m]));
    expect(byName['001_initial_tables']).toMatchObject({ recorded: true, presence: 'none' });
    expect(byName['009_add_agents']).toMatchObject({ recorded: true, presence: 'partial' });
    expect(byName['010_add_tools']).toMatchObject({ recorded: true, presence: 'all' });
    expect(byName['020_add_workflow_events']).toMatchObject({ recorded: false, presence: 'none' });
    const oob = json.diagnosis.hypotheses.find((h) => h.id === 'out-of-band-objects');
    expect(oob, 'out-of-band-objects is a secondary finding').toBeDefined();
    expect(oob!.evidence.some((e) => e.objects.includes('agents'))).toBe(true);
  });

  it('check is read-only: the database is unchanged afterwards', async () => {
    const before = await db.query(`select name, xmin::text from mikro_orm_migrations order by id`);
    const tables = await db.query(`select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace`);
    await checkJson(db.url);
    expect(await db.query(`select name, xmin::text from mikro_orm_migrations order by id`)).toEqual(before);
    expect(await db.query(`select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace`)).toEqual(tables);
  });

  it('sync-ledger refuses: 009 is only partly present', async () => {
    const r = await runCli(['repair', '--strategy', 'sync-ledger', '--dry-run', '--url', db.url]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/009_add_agents is only partly present/);
  });

  it.each(['create-all', 'rerun'])('%s repairs to zero drift, keeps the hand-made agents rows, and migration:up is then a no-op', async (strategy) => {
    const target = await buildIncident();
    dbs.push(target);
    const agentsBefore = await target.query(`select * from agents order by id`);
    expect(agentsBefore.length).toBeGreaterThan(0);

    const dry = await runCli(['repair', '--strategy', strategy, '--dry-run', '--url', target.url]);
    expect(dry.code).toBe(0);
    expect(dry.out).not.toMatch(/\b(drop\s+table|drop\s+column|truncate)\b/i);
    expect(dry.out).not.toMatch(/^(delete|update)\s+(?!from "public"\."mikro_orm_migrations"|"public"\."mikro_orm_migrations")/im);

    const applied = await runCli(['repair', '--strategy', strategy, '--yes', '--url', target.url]);
    expect(applied.code, applied.out + applied.err).toBe(0);
    expect(applied.out).toContain('verified: in sync');

    const after = await checkJson(target.url);
    expect(after.json.inSync).toBe(true);
    expect(after.code).toBe(0);
    const columns = Object.keys(agentsBefore[0]!).map((c) => `"${c}"`).join(', ');
    expect(await target.query(`select ${columns} from agents order by id`)).toEqual(agentsBefore);
    expect(await migratorUp(target.url)).toEqual([]);
  });
});
