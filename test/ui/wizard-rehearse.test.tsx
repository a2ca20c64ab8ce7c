import { describe, expect, it, vi } from 'vitest';
import type { RepairPlan } from '../../src/core/types.js';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine, JOURNAL_PATH } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { KEY, MARK, renderUi, tick, waitFor, walkTo } from './helpers.js';

function setup(engine = fixtureEngine(), size = { rows: 50, columns: 120 }) {
  const onExit = vi.fn();
  const ui = renderUi(<App engine={engine} onExit={onExit} />, size);
  return { ui, engine, onExit };
}

/** The screen with its rows joined, for sentences the terminal's width may break anywhere. */
const flat = (screen: string) => screen.replace(/\s+/g, ' ');

const REHEARSED = 'this plan works on this database';
const ROLLED_BACK = 'nothing was kept: the transaction was rolled back';

describe('rehearsal from Preview', () => {
  it('r runs the plan with rehearse, shows what it proved, and Enter goes on to Confirm', async () => {
    const { ui, engine } = setup();
    await walkTo(ui, 'preview');
    expect(ui.screen()).toMatch(/r rehearse: run the whole plan and its verification on this database, then roll back/);
    expect(ui.screen()).toContain('r rehearse (then roll back)');

    await ui.press('r');
    await waitFor(() => ui.screen().includes(REHEARSED));
    expect(engine.calls.rehearse).toHaveLength(1);
    expect(engine.calls.rehearse[0]?.strategy).toBe('create-all');
    expect(engine.calls.apply).toHaveLength(0);
    const s = ui.screen();
    expect(s).toContain('Preview: rehearsal');
    expect(s).toContain('this plan works on this database: 35 steps ran and verified in 1.9 s');
    expect(s).toContain(ROLLED_BACK);
    // Verification inside the transaction, the slowest steps, the locks on tables that existed.
    expect(s).toContain('✓ ledger matches the migration files: 20 of 20 recorded');
    expect(s).toMatch(/480 ms\s+3\. Create missing table artifact_dependencies \(from 001_initial_tables\)\s+create table "artifact_depend/);
    expect(s).toMatch(/public\.agents\s+SHARE ROW EXCLUSIVE from step 34, held ≤ /);
    expect(s).toMatch(/public\.mikro_orm_migrations\s+ROW EXCLUSIVE from step 35/);
    expect(s).toContain('33 steps lock only objects the plan creates');
    // The phase after COMMIT was not part of it, and the engine's note is shown.
    expect(s).toContain('After COMMIT — non-transactional phase (idempotent, resumable): 1 step not rehearsed');
    expect(s).toMatch(/note: the ledger's id sequence public\.mikro_orm_migrations_id_seq moved from 19 to 20/);
    expect(s).toContain('Enter confirm');
    expect(s).toContain('Esc back to the preview');

    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.confirm));
    expect(ui.screen()).toContain('A rehearsal of this plan worked on this database (1.9 s) and was rolled back.');

    // Confirming still asks for the name; the real apply follows.
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(engine.calls.apply).toHaveLength(1);
    expect(engine.calls.rehearse).toHaveLength(1);
  });

  it('Esc goes back to Preview, and r can rehearse again', async () => {
    const { ui, engine } = setup();
    await walkTo(ui, 'preview');
    await ui.press('r');
    await waitFor(() => ui.screen().includes(REHEARSED));
    await ui.press(KEY.esc);
    expect(ui.screen()).toContain(MARK.preview);
    await ui.press('r');
    await waitFor(() => ui.screen().includes(REHEARSED));
    expect(engine.calls.rehearse).toHaveLength(2);
    expect(engine.calls.apply).toHaveLength(0);
  });

  it('keys are off while it runs, and the footer says why', async () => {
    const { ui, onExit } = setup(fixtureEngine({ delayMs: 25 }));
    await walkTo(ui, 'preview');
    await ui.press('r');
    await waitFor(() => ui.screen().includes('Rehearsing create-all'));
    expect(ui.screen()).toMatch(/Rehearsing create-all: \d+ of 35 steps in the transaction done, then ROLLBACK/);
    expect(ui.screen()).toContain('(after COMMIT: not rehearsed)');
    expect(ui.screen()).toContain('q, Esc and Ctrl+C are off while the rehearsal runs');
    await ui.press('q', KEY.esc, KEY.ctrlC);
    expect(onExit).not.toHaveBeenCalled();
    await waitFor(() => ui.screen().includes(REHEARSED));
    await ui.press('q');
    expect(onExit).toHaveBeenCalledWith(1);
  });
});

describe('a failed rehearsal', () => {
  const error =
    'step 5 of 35 (create table "ollama_models" …) failed — PostgreSQL said (SQLSTATE 42P07): relation "ollama_models" already exists. ' +
    'Nothing was changed: the transaction was rolled back.';

  it('says what failed and does not let Enter go on to Confirm', async () => {
    const { ui, engine, onExit } = setup(fixtureEngine({ rehearsalFails: { at: 4, error } }));
    await walkTo(ui, 'preview');
    await ui.press('r');
    await waitFor(() => ui.screen().includes('this plan does not work on this database'));
    let s = ui.screen();
    expect(s).toContain('step 5 failed: Create missing table ollama_models (from 002_ollama_servers_models)');
    expect(flat(s)).toContain('relation "ollama_models" already exists');
    expect(s).toContain(ROLLED_BACK);
    expect(s).toContain('Enter is off: the rehearsal failed, so the repair would fail too.');
    expect(s).not.toContain('Enter confirm');

    await ui.press(KEY.enter);
    await tick();
    s = ui.screen();
    expect(s).not.toContain(MARK.confirm);
    expect(s).toContain('this plan does not work on this database');

    await ui.press(KEY.esc);
    expect(ui.screen()).toContain(MARK.preview);
    await ui.press('q');
    expect(onExit).toHaveBeenCalledWith(1);
    expect(engine.calls.apply).toHaveLength(0);
  });

  it('an engine error (another repair holds the lock) is a failed rehearsal with the way out, not the end', async () => {
    const refused = Object.assign(new Error('another repair holds the drift-doctor lock on this database: backend 4242'), {
      hint: 'wait for it to finish, then run check again',
      exitCode: 3,
    });
    const { ui } = setup(fixtureEngine({ fail: { call: 'rehearse', error: refused } }));
    await walkTo(ui, 'preview');
    await ui.press('r');
    await waitFor(() => ui.screen().includes('this plan does not work on this database'));
    expect(ui.screen()).toContain('another repair holds the drift-doctor lock on this database: backend 4242 What to do: wait for it');
    await ui.press(KEY.esc);
    expect(ui.screen()).toContain(MARK.preview);
  });
});

describe('the phase after COMMIT', () => {
  it('has its own section in Preview, and Confirm counts the steps on each side of COMMIT', async () => {
    const { ui } = setup();
    await walkTo(ui, 'preview');
    await ui.press(KEY.end);
    const s = ui.screen();
    expect(s).toContain('After COMMIT — non-transactional phase (idempotent, resumable) · 1 step');
    expect(s).toMatch(/CREATE INDEX CONCURRENTLY and REINDEX … CONCURRENTLY cannot run inside a transaction/);
    expect(s).toContain('36. Create the missing index agents_name_index');
    await ui.press(KEY.enter);
    expect(flat(ui.screen())).toContain(
      'This runs 36 steps of create-all on agents_prod: 35 in one transaction (verified before COMMIT, rolled back on any error), ' +
        'then 1 after COMMIT (non-transactional, idempotent: if one fails, running the repair again resumes it).',
    );
  });

  it('is absent for a plan without one, and Confirm says none runs after the transaction', async () => {
    const createAll = incident.plans['create-all'];
    const inside: RepairPlan = { ...createAll, steps: createAll.steps.filter((step) => !step.outsideTransaction) };
    const { ui } = setup(fixtureEngine({ plans: { 'create-all': inside } }));
    await walkTo(ui, 'preview');
    await ui.press(KEY.end);
    expect(ui.screen()).not.toContain('After COMMIT');
    expect(ui.screen()).not.toContain('the after-COMMIT phase is not part of it');
    await ui.press(KEY.enter);
    expect(flat(ui.screen())).toContain(
      'This runs 35 steps of create-all on agents_prod: All 35 run in one transaction (verified before COMMIT, rolled back on any error); none after COMMIT.',
    );
  });
});

describe('the end screen after a real apply', () => {
  it('shows the journal and the undo command', async () => {
    const { ui } = setup();
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    const s = ui.screen();
    expect(s).toContain(`journal: ${JOURNAL_PATH}`);
    expect(flat(s)).toContain(`see how to undo the ledger changes: npx drift-doctor undo ${JOURNAL_PATH} --dry-run`);
  });

  it('shows no journal line when the engine wrote none', async () => {
    const { ui } = setup(fixtureEngine({ journalPath: null }));
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(ui.screen()).not.toContain('journal:');
    expect(ui.screen()).not.toContain('drift-doctor undo');
  });
});
