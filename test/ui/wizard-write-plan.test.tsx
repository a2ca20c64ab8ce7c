import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import { flat, KEY, MARK, renderUi, waitFor, walkTo } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dd-ui-plan-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const engine = fixtureEngine();
  return { ui: renderUi(<App engine={engine} outputDir={dir} />, { rows: 40, columns: 120 }), engine };
}

const CTRL_U = '\u0015';

describe('w on Preview writes the plan as SQL', () => {
  it('offers a default name, writes it on Enter and says where; the file is the plan as a script', async () => {
    const { ui, engine } = setup();
    await walkTo(ui, 'preview');
    expect(ui.screen()).toContain('w write the plan to a file');
    await ui.press('w');
    const prompt = ui.screen();
    expect(prompt).toMatch(/Write the plan to: \.\/drift-doctor-plan-agents_prod-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sql/);
    expect(prompt).toContain('Enter write (never over an existing file)');
    expect(prompt).toContain('Esc cancel');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('written to'));
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const file = path.join(dir, files[0]!);
    expect(flat(ui.screen())).toContain(`the plan (SQL) written to ${file}`);
    const sql = readFileSync(file, 'utf8');
    expect(sql).toContain('-- drift-doctor repair plan: create-all');
    expect(sql).toContain('-- database agents_prod on db.internal:5432 (PostgreSQL 15.20) as app_owner; schema public; ledger public.mikro_orm_migrations');
    expect(sql).toContain('--   agents.name: type is text, the models say varchar(255): changing it rewrites data.');
    expect(sql).toContain('begin; -- 35 steps in one transaction');
    expect(sql).toContain('-- 1. Create missing table tasks (from 001_initial_tables)\n--    locks: new table public.tasks (no lock on existing data)\ncreate table "tasks" ("id" serial primary key');
    expect(sql).toContain(`insert into "mikro_orm_migrations" ("name", "executed_at") values ('020_add_workflow_events', now());`);
    expect(sql.indexOf('commit;')).toBeLessThan(sql.indexOf('create index concurrently "agents_name_index"'));
    expect(sql).toContain('-- 36. Create the missing index agents_name_index without blocking writes');
    // Every line is SQL or a comment: nothing would run by accident if the file were piped to psql.
    for (const row of sql.split('\n')) {
      expect(row === '' || row.startsWith('--') || /^(begin|commit)\b|^(create|alter|insert|delete|update)\b/.test(row)).toBe(true);
    }
    // Still on Preview, and nothing ran.
    expect(ui.screen()).toContain(MARK.preview);
    expect(engine.calls.apply).toHaveLength(0);
    expect(engine.calls.rehearse).toHaveLength(0);
  });

  it('takes a name of the operator’s; a name that exists is refused in words, not overwritten, and the walk goes on', async () => {
    const { ui } = setup();
    await walkTo(ui, 'preview');
    await ui.press('w', CTRL_U);
    expect(ui.screen()).toMatch(/Write the plan to:\s*$/m);
    await ui.type('incident-plan.sql');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('written to'));
    expect(readFileSync(path.join(dir, 'incident-plan.sql'), 'utf8')).toContain('create table "tasks"');
    await ui.press('w', CTRL_U);
    await ui.type('incident-plan.sql');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('not written'));
    expect(flat(ui.screen())).toContain(`the plan (SQL) not written: ${path.join(dir, 'incident-plan.sql')} already exists: nothing was overwritten; choose another name`);
    await ui.press('w', CTRL_U);
    await ui.type('no/such/folder/plan.sql');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('does not exist'));
    expect(flat(ui.screen())).toContain(`the folder ${path.join(dir, 'no/such/folder')} does not exist`);
    // The notice belongs to Preview; the walk goes on.
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.confirm));
    expect(ui.screen()).not.toContain('not written');
  });

  it('Esc cancels without writing, and q typed into the name is a letter', async () => {
    const { ui } = setup();
    await walkTo(ui, 'preview');
    await ui.press('w', CTRL_U);
    await ui.type('q');
    expect(ui.screen()).toMatch(/Write the plan to: q/);
    await ui.press(KEY.esc);
    expect(ui.screen()).not.toContain('Write the plan to');
    expect(ui.screen()).toContain(MARK.preview);
    expect(readdirSync(dir)).toEqual([]);
  });
});
