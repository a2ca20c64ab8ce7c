import { afterAll, expect } from 'vitest';
import { findScenario } from '../../src/scenarios/index.js';
import { checkJson, runCli, type CliResult } from './cli.js';
import { createTestDatabase, type TestDatabase } from './db.js';

/**
 * Scenario databases for one test file: `build(name)` makes a fresh database
 * with the scenario built for real; all are dropped after the file.
 */
export function scenarioDatabases(): { build: (name: string) => Promise<TestDatabase> } {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });
  return {
    async build(name) {
      const db = await createTestDatabase(`dd_${name.slice(0, 10).replace(/-/g, '_')}`);
      dbs.push(db);
      await findScenario(name)!.build({ url: db.url });
      return db;
    },
  };
}

/** `repair --yes` that must verify, and a check afterwards that must find the database in sync. */
export async function repairToSync(db: TestDatabase, strategy: string, extra: string[] = []): Promise<CliResult> {
  const r = await runCli(['repair', '--strategy', strategy, '--yes', '--url', db.url, ...extra]);
  expect(r.code, r.out + r.err).toBe(0);
  expect(r.out).toContain('verified: in sync');
  const after = await checkJson(db.url);
  expect(after.json.inSync).toBe(true);
  return r;
}
