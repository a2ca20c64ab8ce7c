import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { flat, KEY, MARK, renderUi, waitFor, walkTo } from './helpers.js';

function setup(size = { rows: 60, columns: 110 }) {
  const engine = fixtureEngine();
  return { ui: renderUi(<App engine={engine} />, size), engine };
}

describe('d toggles details where there are any', () => {
  it('on Detect: per-object drift, table by table, instead of the per-migration table', async () => {
    const { ui } = setup();
    await walkTo(ui, 'detect');
    expect(ui.screen()).toContain('d per-object drift');
    expect(ui.screen()).toMatch(/001_initial_tables\s+yes\s+none\s+MISSING/);
    await ui.press('d');
    const s = ui.screen();
    expect(s).toContain('Per object: 33 tables missing · 2 other objects missing · 1 different');
    expect(s).toMatch(/agents\s+missing\s+index agents_name_index \(009_add_agents\)/);
    expect(s).toMatch(/different\s+column name: type is text, expected character varying\(255\)/);
    expect(s).toMatch(/tasks\s+missing\s+the table \(001_initial_tables\)/);
    expect(s).not.toMatch(/001_initial_tables\s+yes\s+none\s+MISSING/);
    expect(s).toContain('d per-migration table');
    await ui.press('d');
    expect(ui.screen()).toMatch(/001_initial_tables\s+yes\s+none\s+MISSING/);
    expect(ui.screen()).toContain('d per-object drift');
  });

  it('on Detect, switching the view opens the other list at its top, not at the old scroll position', async () => {
    const { ui } = setup({ rows: 24, columns: 80 });
    await walkTo(ui, 'detect');
    await ui.press(KEY.pageDown, KEY.pageDown);
    expect(ui.screen()).not.toMatch(/── rows 1–/);
    await ui.press('d');
    expect(ui.screen()).toContain('Per object:');
    expect(ui.screen()).toMatch(/── rows 1–\d+ of \d+/);
    await ui.press(KEY.pageDown);
    expect(ui.screen()).not.toMatch(/── rows 1–/);
    await ui.press('d');
    expect(ui.screen()).toMatch(/── rows 1–\d+ of \d+/);
    expect(ui.screen()).toMatch(/001_initial_tables\s+yes\s+none\s+MISSING/);
  });

  it('on Detect, an extra table and an invalid index are filed under their tables, a serial sequence under its missing table', async () => {
    const report = {
      ...incident.report,
      missing: [
        ...incident.report.missing,
        { kind: 'sequence' as const, name: 'tasks_id_seq', key: 'sequence:tasks_id_seq' },
        { kind: 'sequence' as const, name: 'plan_number_seq', key: 'sequence:plan_number_seq' },
      ],
      extra: [{ kind: 'table' as const, name: 'legacy_audit', key: 'table:legacy_audit' }],
      invalidIndexes: ['agents_name_index'],
    };
    const ui = renderUi(<App engine={fixtureEngine({ report })} />, { rows: 60, columns: 110 });
    await walkTo(ui, 'detect');
    await ui.press('d');
    const s = ui.screen();
    expect(s).toMatch(/legacy_audit\s+extra\s+the table: no migration creates it/);
    expect(s).toMatch(/index agents_name_index is invalid/);
    expect(s).toMatch(/tasks\s+missing\s+the table \(001_initial_tables\), with its 1 sequence/);
    expect(s).toMatch(/\(no table\)\s+missing\s+sequence plan_number_seq$/m);
    expect(s).not.toContain('sequence tasks_id_seq');
  });

  it('on Explain: every cause open, each evidence item with its collector, weight and objects', async () => {
    const { ui } = setup();
    await walkTo(ui, 'explain');
    expect(ui.screen()).toContain('d all evidence, weighed');
    expect(ui.screen()).not.toContain('agents was created in transaction 7530');
    await ui.press('d');
    const s = ui.screen();
    expect(s).toContain('+ Ledger rows 001–019 share transaction 7412');
    expect(s).toContain('ledger-xmin · weight +0.50 · objects: mikro_orm_migrations');
    expect(s).toContain('partial-present · weight −0.15 · objects: agents, tools');
    // The second cause is open too, with its evidence weighed.
    expect(s).toContain('+ agents was created in transaction 7530');
    expect(s).toContain('lonely-xmin · weight +0.40 · objects: agents');
    await ui.press(KEY.end);
    expect(ui.screen()).toContain('table-xmin · weight −0.30 · objects: mikro_orm_migrations');
    await ui.press('d');
    expect(ui.screen()).not.toContain('ledger-xmin · weight');
  });

  it('on Verify: the slowest steps, the locks held and what was left for a human', async () => {
    const { ui } = setup();
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(ui.screen()).toContain('d timings and locks');
    await ui.press('d');
    await ui.press(KEY.end);
    const s = flat(ui.screen());
    expect(s).toContain('Locks taken, each held from its step until the transaction ended');
    expect(s).toMatch(/public\.agents SHARE ROW EXCLUSIVE from step 34/);
    expect(s).toContain('Left for a human (1): the repair did not change these');
    expect(s).toContain('agents.name: type is text, the models say varchar(255)');
    expect(ui.screen()).toContain('d fewer details');
  });

  it('is not offered where there are none (Choose, Preview) and does nothing there', async () => {
    const { ui } = setup();
    await walkTo(ui, 'choose');
    expect(ui.screen()).not.toMatch(/\bd [a-z]/);
    await ui.press('d');
    expect(ui.screen()).toContain(MARK.choose);
    await ui.press(KEY.enter);
    expect(ui.screen()).not.toContain(' d ');
  });
});
