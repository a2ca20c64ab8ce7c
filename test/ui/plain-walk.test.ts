import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DriftEngine } from '../../src/core/session.js';
import { renderIncidentReport, type IncidentRecord } from '../../src/report/incident.js';
import { checkJson } from '../helpers/cli.js';
import { migratorUp } from '../helpers/migrator.js';
import { scenarioDatabases } from '../helpers/scenario.js';
import { plainSession } from './plain-session.js';

const LEDGER = `select id, name, executed_at::text, xmin::text from mikro_orm_migrations order by id`;
const TABLES = `select count(*)::int as n from pg_tables where schemaname = 'public'`;
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001B/;

/** Plain mode with the real engine on the incident (S01), built for real on the local PostgreSQL. */
describe('plain mode on S01 with the real engine', () => {
  const scenarios = scenarioDatabases();
  const journalDir = mkdtempSync(path.join(os.tmpdir(), 'dd-plain-journals-'));
  afterAll(() => rmSync(journalDir, { recursive: true, force: true }));

  it('walks to "verified: in sync" with create-all from answers piped in at once, and exits 0', async () => {
    const db = await scenarios.build('seed-incident');
    const engine = new DriftEngine({ url: db.url, journalDir });
    try {
      // The report the walk offers at its end, rendered from the walk's record as the CLI writes it.
      let markdown = '';
      const offerReport = async (record: IncidentRecord) => {
        markdown = renderIncidentReport(record, 'en');
        return path.join(journalDir, 'incident.md');
      };
      // All five answers arrive before the first question: each must reach its own question.
      const session = plainSession(engine, { answers: ['y', 'create-all', 'apply', db.name, 'y'], endInput: true, offerReport });
      expect(await session.exit).toBe(0);
      const t = session.text();
      expect(t).toContain(`database        ${db.name}`);
      expect(t).toContain('ledger table    mikro_orm_migrations');
      // Detection's progress as lines (replaying, or the replay cache when the files did not change).
      expect(t).toMatch(/^… (replaying \S+ \(\d+\/20\)|migration footprints from cache)/m);
      expect(t).toMatch(/^… weighing the evidence$/m);
      expect(t).toMatch(/001_initial_tables\s+yes\s+none\s+MISSING/);
      expect(t).toMatch(/^ {2}1\. \d+% +Ledger stamped by hand/m);
      expect(t).toMatch(/only 2 of\s+19\s+migrations\s+have\s+any/);
      expect(t).toMatch(/^ {2}1\) create-all +\(recommended\)/m);
      expect(t).toMatch(/^ {2}3\) sync-ledger/m);
      expect(t).toContain('create type "task_status" as enum');
      expect(t).not.toMatch(/drop table|truncate/i);
      expect(t).toMatch(/^ {2}✓ +1\/\d+ {2}/m);
      expect(t).toMatch(/recorded but missing\s+17\s+0/);
      expect(t).toMatch(/see how to undo the ledger changes: npx drift-doctor undo \S+\.json --dry-run/);
      expect(t).toMatch(/^verified: in sync\n\? Write an incident report\? \(Markdown\) \(y\/N\): y\nreport: \S+incident\.md$/m);
      expect(markdown).toContain(`# Incident report: migration ledger vs. schema — ${db.name}`);
      expect(markdown).toContain('repair `create-all`, applied');
      // Colour off: not one escape, the SQL as it runs.
      expect(session.raw()).not.toMatch(ESCAPE);
    } finally {
      await engine.close();
    }
    const after = await checkJson(db.url);
    expect(after.json.inSync).toBe(true);
    expect(await migratorUp(db.url)).toEqual([]);
    expect(await db.query(`select count(*)::int as n from agents`)).toEqual([{ n: 3 }]);
  });

  it('rehearses, then a wrong name at Confirm runs nothing; quitting there exits 1 with the ledger as it was', async () => {
    const db = await scenarios.build('seed-incident');
    const ledger = await db.query(LEDGER);
    const engine = new DriftEngine({ url: db.url, journalDir });
    try {
      const session = plainSession(engine, { answers: ['y', '1', 'rehearse', 'apply', 'wrong_name', 'quit'], endInput: true });
      expect(await session.exit).toBe(1);
      const t = session.text();
      expect(t).toContain('this plan works on this database');
      expect(t).toContain('A rehearsal of this plan worked on this database');
      expect(t).toContain('"wrong_name" is not the name of this database: nothing was run.');
      expect(t).not.toContain('Step 7 of 8');
      expect(t).toContain('quit with the drift left as detected — nothing was changed');
    } finally {
      await engine.close();
    }
    // The same rows, written by the same transactions; only S01's three tables.
    expect(await db.query(LEDGER)).toEqual(ledger);
    expect(await db.query(TABLES)).toEqual([{ n: 3 }]);
  });

  it('quit at Choose exits 1 and changes nothing', async () => {
    const db = await scenarios.build('seed-incident');
    const ledger = await db.query(LEDGER);
    const engine = new DriftEngine({ url: db.url, journalDir });
    try {
      const session = plainSession(engine, { answers: ['y', 'quit'], endInput: true });
      expect(await session.exit).toBe(1);
      expect(session.text()).not.toContain('Step 5 of 8');
      expect(session.text()).toContain('nothing was changed');
    } finally {
      await engine.close();
    }
    expect(await db.query(LEDGER)).toEqual(ledger);
    expect(await db.query(TABLES)).toEqual([{ n: 3 }]);
  });
});
