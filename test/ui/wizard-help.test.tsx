import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import { flat, KEY, MARK, renderUi, walkTo } from './helpers.js';

function setup() {
  const onExit = vi.fn();
  const engine = fixtureEngine();
  const ui = renderUi(<App engine={engine} onExit={onExit} />, { rows: 40, columns: 100 });
  return { ui, engine, onExit };
}

describe('? opens the help for the current screen', () => {
  it('on Detect: what the step does, what happens next, every key; Esc closes it and the step is as it was', async () => {
    const { ui } = setup();
    await walkTo(ui, 'detect');
    expect(ui.screen()).toContain('? help');
    await ui.press(KEY.end);
    expect(ui.screen()).toContain('020_add_workflow_events');
    await ui.press('?');
    const s = ui.screen();
    expect(s).toContain('Help: Detect');
    expect(s).toContain('What this step does');
    expect(flat(s)).toContain('PENDING-BUT-PRESENT: not recorded, yet its objects exist');
    expect(s).toContain('What happens next');
    expect(flat(s)).toContain('Enter explains why they disagree. Nothing has been changed.');
    expect(s).toMatch(/Enter\s+explain/);
    expect(s).toMatch(/d\s+per-object drift/);
    expect(s).toMatch(/Esc\s+back/);
    expect(s).toMatch(/\? or Esc\s+close this help/);
    expect(s).toMatch(/Ctrl\+C\s+quit at any time except while a repair or rehearsal runs/);
    // The step underneath is hidden, and its keys do not act while the help is open.
    expect(s).not.toContain(MARK.detect);
    await ui.press(KEY.enter);
    expect(ui.screen()).toContain('Help: Detect');
    await ui.press(KEY.esc);
    expect(ui.screen()).not.toContain('Help: Detect');
    expect(ui.screen()).toContain(MARK.detect);
    // Still scrolled to the end: the step kept its state under the help.
    expect(ui.screen()).toContain('020_add_workflow_events');
  });

  it('? closes it too, and on Preview it explains r and w', async () => {
    const { ui } = setup();
    await walkTo(ui, 'preview');
    await ui.press('?');
    const s = flat(ui.screen());
    expect(s).toContain('Help: Preview');
    expect(s).toContain('r rehearses it: the whole plan and its verification run on this database in one transaction, then roll back');
    expect(s).toMatch(/w write the plan to a file/);
    expect(s).toContain('Enter asks you to type the database name');
    await ui.press('?');
    expect(ui.screen()).toContain(MARK.preview);
    expect(ui.screen()).not.toContain('Help: Preview');
  });

  it('on Confirm ? is help, not a letter of the name, and what was typed stays', async () => {
    const { ui, engine } = setup();
    await walkTo(ui, 'confirm');
    await ui.type('agents');
    await ui.press('?');
    expect(ui.screen()).toContain('Help: Confirm');
    expect(flat(ui.screen())).toContain('type the database name exactly');
    await ui.press(KEY.esc);
    expect(ui.screen()).toMatch(/to apply: agents\s*$/m);
    await ui.type('_prod');
    await ui.press(KEY.enter);
    expect(engine.calls.apply).toHaveLength(1);
  });

  it('q quits from the help; nothing was changed', async () => {
    const { ui, engine, onExit } = setup();
    await walkTo(ui, 'explain');
    await ui.press('?');
    expect(ui.screen()).toContain('Help: Explain');
    await ui.press('q');
    expect(onExit).toHaveBeenCalledWith(1);
    expect(engine.calls.apply).toHaveLength(0);
    expect(ui.screen()).toContain('the database is untouched');
  });
});
