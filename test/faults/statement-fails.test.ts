/**
 * A statement of the plan fails during apply because the schema changed
 * between plan and apply: another session creates a table the plan is about
 * to create. Everything before it is rolled back; the result names the
 * statement and quotes PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DriftEngine } from '../../src/core/session.js';
import { renderApply } from '../../src/report/text.js';
import { findScenario } from '../../src/scenarios/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { fingerprint, JOURNALS, unchangedSentence } from './support.js';

// Several detections per test, each starting an embedded PostgreSQL: slow on a busy two-core machine.
describe('a plan statement fails during apply', { timeout: 180_000 }, () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  it('schema changed between plan and apply: rolled back, the failing statement and the Postgres error shown, ok false', async () => {
    const db = await createTestDatabase('dd_fault_stmt');
    dbs.push(db);
    await findScenario('seed-incident')!.build({ url: db.url });
    const before = await fingerprint(db);
    const engine = new DriftEngine({ url: db.url, journalDir: JOURNALS });
    try {
      const outcome = await engine.detect();
      const plan = await engine.plan('create-all', outcome);
      const at = plan.steps.findIndex((s) => /^create table "users"/.test(s.sql));
      expect(at, 'the plan creates users').toBeGreaterThan(10);

      // Someone else gets there first.
      await db.query(`create table users (id int primary key)`);
      const withIntruder = await fingerprint(db);

      const progress: string[] = [];
      const result = await engine.apply(plan, (p) => p.state === 'failed' && progress.push(p.step.sql));
      expect(result.ok).toBe(false);
      expect(result.verify).toBeNull();
      expect(result.failedStep?.sql).toBe(plan.steps[at]!.sql);
      expect(result.stepsRun).toBe(plan.steps.slice(0, at).filter((s) => !s.outsideTransaction).length);
      expect(progress).toEqual([plan.steps[at]!.sql]);
      expect(result.error).toContain(`step ${at + 1} of ${plan.steps.length} (create table "users"`);
      expect(result.error).toContain('PostgreSQL said (SQLSTATE 42P07): an object already exists: relation "users" already exists');
      expect(result.error).toContain('Nothing was changed: the transaction was rolled back.');
      expect(result.error).toContain('What to do: the plan predicted it absent; run check again');

      // The steps before it (types, tables) are gone; only the intruder's table remains.
      expect(await fingerprint(db)).toEqual(withIntruder);
      await db.query(`drop table users`);
      expect(await fingerprint(db)).toEqual(before);
      console.log(`[fault: statement fails] ${renderApply(result)}`);
      console.log(unchangedSentence('fault: statement fails', before) + ' (after dropping the intruding users table the test made)');
    } finally {
      await engine.close();
    }
  });
});
