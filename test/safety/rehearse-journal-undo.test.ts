/**
 * Rehearse, journal and undo on S01 (the seed incident), on the real
 * PostgreSQL through the CLI as an operator runs it.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/core/repair/journal.js';
import type { ApplyResult, RepairPlan } from '../../src/core/types.js';
import { findScenario } from '../../src/scenarios/index.js';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { fingerprint, holdLock } from '../faults/support.js';

const LEDGER = `select id, name, executed_at::text as executed_at from mikro_orm_migrations order by id`;
const SEQUENCE = `select last_value::text as last_value, is_called from mikro_orm_migrations_id_seq`;

async function seedIncident(dbs: TestDatabase[]): Promise<TestDatabase> {
  const db = await createTestDatabase('dd_safety');
  dbs.push(db);
  await findScenario('seed-incident')!.build({ url: db.url });
  return db;
}

function journalDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'dd-journal-'));
}

function readJournal(out: string): { file: string; journal: Journal } {
  const file = /^journal: (.+)$/m.exec(out)?.[1];
  expect(file, `no "journal:" line in\n${out}`).toBeTruthy();
  return { file: file!, journal: JSON.parse(readFileSync(file!, 'utf8')) as Journal };
}

describe('rehearse, journal and undo on S01', () => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  describe('rehearse', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await seedIncident(dbs);
    });

    it('create-all: "this plan works", timings and locks per step, exit 0, and the database is unchanged', async () => {
      const before = await fingerprint(db);
      const seqBefore = await db.query(SEQUENCE);
      const r = await runCli(['repair', '--strategy', 'create-all', '--rehearse', '--url', db.url]);
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toContain('this plan works on this database');
      expect(r.out).toContain('then ROLLBACK — nothing was kept');
      // a step row: number, milliseconds, statement, lock
      expect(r.out).toMatch(/^\s+1\s+\d+\s+create type "task_status".*none \(new object\)$/m);
      expect(r.out).toMatch(/^\s+\d+\s+\d+\s+alter table "agents" add column "model_id".*ACCESS EXCLUSIVE on public\.agents/m);
      // the locks on tables that existed, each from the step that took it
      expect(r.out).toMatch(/^ {2}public\.agents\s+SHARE ROW EXCLUSIVE from step \d+ \(held ≤ .+\), ACCESS EXCLUSIVE from step \d+/m);
      expect(r.out).toMatch(/^ {2}public\.mikro_orm_migrations\s+ROW EXCLUSIVE from step \d+/m);
      expect(r.out).toMatch(/✓ the schema matches the entity models/);
      // what ROLLBACK cannot undo is said, not hidden
      expect(r.out).toMatch(/note: the ledger's id sequence .* moved from 19 to 20/);

      expect(await fingerprint(db)).toEqual(before);
      const seqAfter = await db.query(SEQUENCE);
      expect(seqAfter).not.toEqual(seqBefore);
    });

    it('--json: the result carries one timing per step that ran, ok and no journal', async () => {
      const r = await runCli(['repair', '--strategy', 'create-all', '--rehearse', '--json', '--url', db.url]);
      expect(r.code, r.err).toBe(0);
      const json = JSON.parse(r.out) as { rehearsal: boolean; plan: RepairPlan; result: ApplyResult };
      expect(json.rehearsal).toBe(true);
      expect(json.result.ok).toBe(true);
      expect(json.result.verify?.ok).toBe(true);
      expect(json.result.journalPath).toBeUndefined();
      const inTx = json.plan.steps.filter((s) => !s.outsideTransaction).length;
      expect(json.result.stepTimings?.map((t) => t.index)).toEqual([...Array(inTx).keys()]);
      expect(json.result.stepTimings?.every((t) => t.ok && t.durationMs >= 0)).toBe(true);
    });

    it('a rehearsal that fails says so, exits 1 and changes nothing', async () => {
      const before = await fingerprint(db);
      const holder = await holdLock(db, 'lock table agents in row exclusive mode', 'safety-blocker');
      try {
        const r = await runCli(['repair', '--strategy', 'create-all', '--rehearse', '--lock-timeout', '300', '--url', db.url]);
        expect(r.code, r.out + r.err).toBe(1);
        expect(r.out).toContain('this plan does NOT work on this database');
        expect(r.out).toMatch(/✗ FAILED/);
      } finally {
        await holder.release();
      }
      expect(await fingerprint(db)).toEqual(before);
    });
  });

  describe('journal and undo', () => {
    it('repair --yes writes a 0600 journal; undo --yes puts the ledger back byte for byte and lists what the repair created', async () => {
      const db = await seedIncident(dbs);
      const ledgerBefore = await db.query(LEDGER);
      const seqBefore = await db.query(SEQUENCE);
      const dir = journalDir();

      const applied = await runCli(['repair', '--strategy', 'create-all', '--yes', '--journal', dir, '--url', db.url]);
      expect(applied.code, applied.out + applied.err).toBe(0);
      const { file, journal } = readJournal(applied.out);
      expect(path.dirname(file)).toBe(dir);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const ledgerAfter = await db.query(LEDGER);

      // content
      expect(journal.format).toBe('drift-doctor-journal/1');
      expect(journal.tool).toEqual({ name: 'drift-doctor', version: '0.1.0' });
      expect(journal.who.osUser).toBeTruthy();
      expect(journal.who.host).toBe(os.hostname());
      expect(journal.where).toMatchObject({ database: db.name, role: 'postgres', ledgerSchema: 'public', ledgerTable: 'mikro_orm_migrations', server: '127.0.0.1:5432' });
      expect(journal.where.databaseOid).toMatch(/^\d+$/);
      expect(journal.plan.strategy).toBe('create-all');
      expect(journal.outcome).toMatchObject({ status: 'committed', error: null, stepsRun: journal.plan.steps.length });
      expect(journal.drift.before).toMatchObject({ recorded: 19, recordedButMissing: 17 });
      expect(journal.drift.after).toMatchObject({ recorded: 20, recordedButMissing: 0, pending: 0 });
      expect(journal.verify?.ok).toBe(true);
      const sent = journal.sql.map((s) => s.sql);
      expect(sent[0]).toBe('begin');
      expect(sent.at(-1)).toBe('commit');
      expect(sent.filter((s) => journal.plan.steps.some((p) => p.sql === s))).toEqual(journal.plan.steps.map((p) => p.sql));
      expect(sent.some((s) => /pg_try_advisory_xact_lock/.test(s))).toBe(true);
      expect(journal.ledger.before.rows.map((r) => ({ id: r.id, name: r.name, executed_at: r.executedAt }))).toEqual(ledgerBefore);
      expect(journal.ledger.after!.rows.map((r) => ({ id: r.id, name: r.name, executed_at: r.executedAt }))).toEqual(ledgerAfter);
      expect(journal.ledger.before.sequence).toMatchObject({ lastValue: seqBefore[0]!.last_value, isCalled: seqBefore[0]!.is_called });

      const dry = await runCli(['undo', file, '--dry-run', '--url', db.url]);
      expect(dry.code, dry.out + dry.err).toBe(0);
      expect(dry.out).toContain('dry run: nothing changed');
      expect(dry.out).toMatch(/^delete from "public"\."mikro_orm_migrations";$/m);
      expect(await db.query(LEDGER)).toEqual(ledgerAfter);

      const undone = await runCli(['undo', file, '--yes', '--url', db.url]);
      expect(undone.code, undone.out + undone.err).toBe(0);
      expect(undone.out).toContain('ledger restored: 19 rows exactly as before the repair');
      expect(await db.query(LEDGER)).toEqual(ledgerBefore);
      expect(await db.query(SEQUENCE)).toEqual(seqBefore);
      // listed, never dropped
      expect(undone.out).toMatch(/31 tables: .*workflow_events/);
      expect(undone.out).toMatch(/3 enum types: task_status, approval_status, chat_role/);
      expect(undone.out).toContain('1 sequence: plan_number_seq');
      expect(undone.out).toMatch(/columns added to tables that existed: agents\.model_id, tools\.version/);
      expect(undone.out).toContain('agents_model_id_foreign (agents)');
      expect(await db.query(`select to_regclass('public.workflow_events') is not null as here, to_regclass('public.plan_number_seq') is not null as seq`)).toEqual([{ here: true, seq: true }]);

      // a second undo has nothing left to do
      const again = await runCli(['undo', file, '--yes', '--url', db.url]);
      expect(again.code, again.out).toBe(0);
      expect(again.out).toContain('nothing to undo');
    });

    it('undo refuses (exit 3) another database, and a ledger changed since the repair unless --force', async () => {
      const db = await seedIncident(dbs);
      const ledgerBefore = await db.query(LEDGER);
      const dir = journalDir();
      const applied = await runCli(['repair', '--strategy', 'create-all', '--yes', '--journal', dir, '--url', db.url]);
      expect(applied.code, applied.out + applied.err).toBe(0);
      const { file } = readJournal(applied.out);

      const other = await createTestDatabase('dd_safety_other');
      dbs.push(other);
      const wrongDb = await runCli(['undo', file, '--yes', '--url', other.url]);
      expect(wrongDb.code).toBe(3);
      expect(wrongDb.out).toContain(`REFUSED: This journal is for database "${db.name}"`);

      await db.query(`insert into mikro_orm_migrations (name, executed_at) values ('021_later', now())`);
      const changed = await runCli(['undo', file, '--yes', '--url', db.url]);
      expect(changed.code).toBe(3);
      expect(changed.out).toMatch(/REFUSED: The ledger changed after this repair \(1 row added since: #\d+ 021_later/);
      expect(changed.out).toContain('--force');

      const forced = await runCli(['undo', file, '--yes', '--force', '--url', db.url]);
      expect(forced.code, forced.out + forced.err).toBe(0);
      expect(await db.query(LEDGER)).toEqual(ledgerBefore);
    });

    it('a failed apply still writes its journal: outcome rolled back, with the error; undo has nothing to undo', async () => {
      const db = await seedIncident(dbs);
      const before = await fingerprint(db);
      const dir = journalDir();
      const holder = await holdLock(db, 'lock table agents in row exclusive mode', 'safety-blocker');
      let out: string;
      try {
        const r = await runCli(['repair', '--strategy', 'create-all', '--yes', '--lock-timeout', '300', '--journal', dir, '--url', db.url]);
        expect(r.code, r.out + r.err).toBe(1);
        out = r.out;
      } finally {
        await holder.release();
      }
      expect(await fingerprint(db)).toEqual(before);
      const { file, journal } = readJournal(out);
      expect(journal.outcome.status).toBe('rolled-back');
      expect(journal.outcome.error).toMatch(/lock_timeout/);
      expect(journal.outcome.failedStep?.sql).toMatch(/agents/);
      const failedAt = journal.sql.findIndex((s) => !s.ok);
      expect(journal.sql[failedAt]?.error).toMatch(/lock timeout/i);
      expect(journal.sql[failedAt]?.sql).toBe(journal.outcome.failedStep?.sql);
      expect(journal.sql.slice(failedAt + 1).map((s) => s.sql)).toContain('rollback');
      expect(journal.sql.map((s) => s.sql)).not.toContain('commit');
      expect(journal.ledger.after?.rows).toEqual(journal.ledger.before.rows);

      const undo = await runCli(['undo', file, '--dry-run', '--url', db.url]);
      expect(undo.out).toMatch(/nothing to undo/);
    });

    it('an unwritable journal directory stops the repair before it starts (exit 2, nothing changed)', async () => {
      const db = await seedIncident(dbs);
      const before = await fingerprint(db);
      const r = await runCli(['repair', '--strategy', 'create-all', '--yes', '--journal', '/etc/hostname/journals', '--url', db.url]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/cannot write the journal in \/etc\/hostname\/journals: .*Nothing was changed/);
      expect(r.err).toContain('--journal DIR');
      expect(await fingerprint(db)).toEqual(before);
    });
  });
});
