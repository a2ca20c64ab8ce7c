import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import { KEY, renderUi, waitFor } from './helpers.js';

async function startAt(engine = fixtureEngine(), onExit = vi.fn()) {
  const ui = renderUi(<App engine={engine} onExit={onExit} />);
  await waitFor(() => ui.screen().includes('agents_prod'));
  return { ui, engine, onExit };
}

describe('the incident, walked screen by screen', () => {
  it('Connect → Detect → Explain → Choose → Preview → Confirm → Apply → Verify', async () => {
    const { ui, engine, onExit } = await startAt();

    // Connect: where we are, without the password.
    let s = ui.screen();
    expect(s).toContain('db.internal:5432');
    expect(s).toContain('app_owner');
    expect(s).toContain('mikro_orm_migrations');
    expect(s).toContain('PostgreSQL 15.20');
    expect(s).toContain('postgresql://app_owner:***@db.internal:5432/agents_prod');
    expect(s).toContain('Enter detect drift');
    expect(engine.calls.detect).toBe(0);

    // Detect: the table of migrations and the counts.
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('001_initial_tables'));
    s = ui.screen();
    expect(s).toMatch(/001_initial_tables\s+yes\s+none\s+MISSING/);
    expect(s).toMatch(/004_backfill_task_status\s+yes\s+empty\s+ok/);
    expect(s).toMatch(/009_add_agents\s+yes\s+partial\s+PARTIAL/);
    expect(s).toMatch(/020_add_workflow_events\s+no\s+all\s+PENDING-BUT-PRESENT/);
    expect(s).toContain('16 recorded but missing');
    expect(s).toContain('invalid indexes: none');

    // Explain: ranked, the top one open with evidence for and against, the repair hint under it.
    await ui.press(KEY.enter);
    s = ui.screen();
    expect(s).toContain('████████░░ 82%');
    expect(s.indexOf('82%')).toBeLessThan(s.indexOf('64%'));
    expect(s).toContain('Ledger stamped by hand, migrations never run');
    expect(s).toContain('+ Ledger rows 001–019 share transaction 7412');
    expect(s).toContain('− agents and tools exist');
    expect(s).toContain('→ The migrations never ran');
    expect(s).not.toContain('agents was created in transaction 7530'); // second cause collapsed

    // Choose: recommended first, with consequences; sync-ledger refused and dimmed.
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Choose a repair'));
    s = ui.screen();
    expect(s).toMatch(/❯ create-all .*\(recommended\)/);
    expect(s).toContain('Creates 33 missing tables');
    expect(s).toContain('(not applicable)');
    expect(s).toContain('refused: Un-recording 16 migrations');
    expect(engine.calls.plan.sort()).toEqual(['create-all', 'rerun', 'sync-ledger']);

    // Preview: warnings first, numbered steps with locks and SQL.
    await ui.press(KEY.enter);
    s = ui.screen();
    expect(s).toContain('Dry run: nothing has run yet');
    expect(s).toContain('⚠ Needs a human (1)');
    expect(s).toContain('1. Create missing table tasks');
    expect(s).toContain('locks new table public.tasks (no lock on existing data)');
    expect(s).toContain('r rehearse: run the whole plan and its verification on this database, then roll back');
    expect(s).toContain('In one transaction · 35 steps');
    expect(s).toContain('create table "tasks"');
    await ui.press(KEY.down);
    expect(ui.screen()).toContain('rows 2–');
    await ui.press(KEY.end);
    s = ui.screen();
    expect(s).toContain('After COMMIT — non-transactional phase (idempotent, resumable) · 1 step');
    expect(s).toContain('36. Create the missing index agents_name_index');

    // Confirm: a wrong name does not proceed, the right one does.
    await ui.press(KEY.enter);
    expect(ui.screen()).toContain('Type the database name (agents_prod)');
    await ui.type('agents_pro');
    await ui.press(KEY.enter);
    s = ui.screen();
    expect(s).toContain('"agents_pro" is not the name of this database');
    expect(engine.calls.apply).toHaveLength(0);
    await ui.type('d');
    // Editing clears the complaint about the earlier text.
    expect(ui.screen()).not.toContain('is not the name of this database');
    await ui.press(KEY.enter);

    // Apply, then Verify.
    await waitFor(() => ui.screen().includes('Verify: detected again'));
    expect(engine.calls.apply).toHaveLength(1);
    expect(engine.calls.apply[0]?.strategy).toBe('create-all');
    s = ui.screen();
    expect(s).toContain('committed and verified: in sync — 36 steps');
    expect(s).toContain('journal: /home/oncall/.drift-doctor/journals/2026-11-21T10-02-13Z-agents_prod-create-all.json');
    expect(s).toContain('✓ ledger matches the migration files: 20 of 20 recorded');
    expect(s).toMatch(/recorded but missing\s+16\s+0/);
    expect(s.trimEnd().split('\n').some((l) => l === 'verified: in sync')).toBe(true);

    await ui.press(KEY.enter);
    expect(onExit).toHaveBeenCalledWith(0);
  });
});
