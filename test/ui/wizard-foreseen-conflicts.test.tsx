import { describe, expect, it } from 'vitest';
import type { RepairPlan } from '../../src/core/types.js';
import { App } from '../../src/ui/ink/App.js';
import { previewLines } from '../../src/ui/ink/preview-lines.js';
import { fixtureEngine } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { KEY, MARK, renderUi, waitFor, walkTo } from './helpers.js';

/** The screen as one line: wrapped sentences read whole. */
const flat = (screen: string) => screen.replace(/\s+/g, ' ');

/**
 * rerun on the incident: `plan.conflicts` are collisions the planner foresaw
 * and already works around (the existing object is kept, only missing parts
 * are created) — `repair --yes` succeeds. They were shown as "predicted to
 * fail … the transaction would roll back".
 */
describe('rerun with a conflict it foresaw and reconciled', () => {
  it('Choose and Preview say it is reconciled, never that it fails or rolls back', async () => {
    const ui = renderUi(<App engine={fixtureEngine()} />);
    await walkTo(ui, 'choose');
    let s = ui.screen();
    expect(flat(s)).toContain('1 conflict foreseen and reconciled (the existing object is kept, only missing parts are added)');
    expect(flat(s)).not.toMatch(/predicted to fail/i);
    // What the plan does not do is still a warning.
    expect(s).toContain('⚠ 1 difference left for a human');

    await ui.press(KEY.down, KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.preview));
    s = ui.screen();
    expect(s).toContain('rerun: Re-run the migrations');
    expect(s).toMatch(/^Foreseen conflicts, reconciled \(1\)$/m);
    expect(flat(s)).toContain('the plan keeps the existing object and creates only its missing parts');
    expect(flat(s)).toContain('020_add_workflow_events: would fail with "already exists" (table workflow_events); reconciled');
    expect(flat(s)).not.toMatch(/predicted to fail|would roll back/i);
  });

  it('counts several in the plural, and keeps "Needs a human" for what the plan leaves undone', async () => {
    const rerun = incident.plans.rerun;
    const conflict = rerun.conflicts[0]!;
    const plan: RepairPlan = {
      ...rerun,
      conflicts: [conflict, { ...conflict, migration: '009_add_agents', problem: 'would fail with "already exists" (table agents); reconciled: only the missing parts are created' }],
      needsHuman: [{ object: 'agents.name', reason: 'type is text, the migration says varchar(255)' }],
    };
    const ui = renderUi(<App engine={fixtureEngine({ plans: { rerun: plan } })} />);
    await walkTo(ui, 'choose');
    expect(flat(ui.screen())).toContain('2 conflicts foreseen and reconciled (the existing objects are kept, only missing parts are added)');
    await ui.press(KEY.down, KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.preview));
    const s = ui.screen();
    expect(s).toContain('⚠ Needs a human (1): drift-doctor will not change these');
    expect(s).toMatch(/^Foreseen conflicts, reconciled \(2\)$/m);
  });

  it('titles them in the warning tone, not the danger one', () => {
    const heading = previewLines(incident.plans.rerun, 100).find((line) => line[0]?.text.startsWith('Foreseen conflicts'));
    expect(heading?.[0]?.tone).toBe('warn');
  });
});
