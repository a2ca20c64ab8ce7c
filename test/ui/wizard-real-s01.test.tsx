import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DriftEngine } from '../../src/core/session.js';
import { findScenario } from '../../src/scenarios/index.js';
import { App } from '../../src/ui/ink/App.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { migratorUp } from '../helpers/migrator.js';
import { KEY, MARK, renderUi, waitFor } from './helpers.js';

const LEDGER = `select id, name, executed_at::text, xmin::text from mikro_orm_migrations order by id`;
const TABLES = `select count(*)::int as n from pg_tables where schemaname = 'public'`;

/** The real engine on the incident (S01) built for real on the local PostgreSQL. */
describe('wizard on S01 with the real engine and a real PostgreSQL', () => {
  let db: TestDatabase;
  let engine: DriftEngine;
  // The repair's journal goes here, not into the working tree.
  const journalDir = mkdtempSync(path.join(os.tmpdir(), 'dd-ui-journals-'));
  beforeAll(async () => {
    db = await createTestDatabase('dd_ui_s01');
    await findScenario('seed-incident')!.build({ url: db.url });
    engine = new DriftEngine({ url: db.url, journalDir });
  });
  afterAll(async () => {
    await engine.close();
    await db.drop();
    rmSync(journalDir, { recursive: true, force: true });
  });

  it('walks every screen with keystrokes and ends at "verified: in sync"', async () => {
    const onExit = vi.fn();
    const ui = renderUi(<App engine={engine} onExit={onExit} />, { rows: 45, columns: 120 });

    await waitFor(() => ui.screen().includes(MARK.connect), 20_000);
    expect(ui.screen()).toContain(db.name);
    expect(ui.screen()).toContain('mikro_orm_migrations');

    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('001_initial_tables'), 60_000);
    let s = ui.screen();
    expect(s).toMatch(/001_initial_tables\s+yes\s+none\s+MISSING/);
    expect(s).toMatch(/009_add_agents\s+yes\s+partial\s+PARTIAL/);
    expect(s).toMatch(/010_add_tools\s+yes\s+all\s+ok/);
    expect(s).toMatch(/020_add_workflow_events\s+no\s+none\s+pending$/m);
    expect(s).toContain('17 recorded but missing');

    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.explain));
    s = ui.screen();
    expect(s).toMatch(/Ledger stamped by hand/);
    expect(s).toMatch(/only\s+2\s+of\s+19\s+migrations\s+have\s+any/);
    expect(s).toMatch(/Objects created outside the migrations/);

    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.choose));
    s = ui.screen();
    expect(s).toMatch(/❯ create-all[\s\S]*\(recommended\)/);
    expect(s).toMatch(/sync-ledger[\s\S]*not applicable/);

    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.preview));
    s = ui.screen();
    expect(s).toMatch(/create type "task_status" as enum/);
    expect(s).not.toMatch(/drop table|truncate/i);

    // Rehearse first: the whole plan and its verification run on this database, then roll back.
    const ledgerBefore = await db.query(LEDGER);
    expect(ledgerBefore).toHaveLength(19);
    await ui.press('r');
    await waitFor(() => /this plan (does not )?work/.test(ui.screen()), 60_000);
    s = ui.screen();
    expect(s).toContain('this plan works on this database');
    expect(s).toContain('nothing was kept: the transaction was rolled back');
    expect(s).toMatch(/public\.agents\s+SHARE ROW EXCLUSIVE from step \d+/);
    // Unchanged: the same ledger rows written by the same transactions, and only the three tables S01 has.
    expect(await db.query(LEDGER)).toEqual(ledgerBefore);
    expect(await db.query(TABLES)).toEqual([{ n: 3 }]);

    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.confirm));
    expect(ui.screen()).toContain('A rehearsal of this plan worked on this database');
    await ui.type('wrong_name');
    await ui.press(KEY.enter);
    expect(ui.screen()).toContain('is not the name of this database');
    for (let i = 0; i < 'wrong_name'.length; i++) await ui.press(KEY.backspace);
    await ui.type(db.name);
    await ui.press(KEY.enter);

    await waitFor(() => ui.screen().includes('verified: in sync'), 60_000);
    s = ui.screen();
    expect(s).toMatch(/✓ ledger matches the migration files/);
    expect(s).toMatch(/recorded but missing\s+17\s+0/);
    // The real apply journals; the end screen says where and how to undo the ledger part.
    const journal = /journal: (\S+\.json)/.exec(s)?.[1];
    expect(journal?.startsWith(journalDir)).toBe(true);
    expect(s.replace(/\s+/g, ' ')).toContain(`see how to undo the ledger changes: npx drift-doctor undo ${journal} --dry-run`);

    // The database really is repaired: the app's own migrator has nothing to do.
    expect(await migratorUp(db.url)).toEqual([]);
    expect(await db.query(`select count(*)::int as n from agents`)).toEqual([{ n: 3 }]);
    await ui.press(KEY.enter);
    await waitFor(() => onExit.mock.calls.length > 0);
    expect(onExit).toHaveBeenCalledWith(0);
    ui.unmount();
  });

  it('q at Preview quits without changing anything', async () => {
    const fresh = await createTestDatabase('dd_ui_s01q');
    await findScenario('seed-incident')!.build({ url: fresh.url });
    const e = new DriftEngine({ url: fresh.url });
    try {
      const ledger = await fresh.query(LEDGER);
      const ui = renderUi(<App engine={e} onExit={() => {}} />, { rows: 45, columns: 120 });
      await waitFor(() => ui.screen().includes(MARK.connect), 20_000);
      for (const next of ['detect', 'explain', 'choose', 'preview'] as const) {
        await ui.press(KEY.enter);
        await waitFor(() => ui.screen().includes(MARK[next]), 60_000);
      }
      await ui.press('q');
      expect(await fresh.query(LEDGER)).toEqual(ledger);
      expect(await fresh.query(TABLES)).toEqual([{ n: 3 }]);
      ui.unmount();
    } finally {
      await e.close();
      await fresh.drop();
    }
  });
});
