import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import { KEY, MARK, renderUi, tick, waitFor, walkTo } from './helpers.js';

function setup(engine = fixtureEngine()) {
  const onExit = vi.fn();
  const ui = renderUi(<App engine={engine} onExit={onExit} />);
  return { ui, engine, onExit };
}

describe('q quits without changing anything', () => {
  it.each(['connect', 'detect', 'explain', 'choose', 'preview'] as const)('on %s: exit 1, apply never called', async (screen) => {
    const { ui, engine, onExit } = setup();
    await walkTo(ui, screen);
    await ui.press('q');
    expect(onExit).toHaveBeenCalledWith(1);
    expect(engine.calls.apply).toHaveLength(0);
  });

  it('on Confirm q is a letter of the name; Ctrl+C quits', async () => {
    const { ui, engine, onExit } = setup();
    await walkTo(ui, 'confirm');
    await ui.type('q');
    expect(onExit).not.toHaveBeenCalled();
    expect(ui.screen()).toMatch(/to apply: q/);
    expect(ui.screen()).toContain('Ctrl+C quit');
    await ui.press(KEY.ctrlC);
    expect(onExit).toHaveBeenCalledWith(1);
    expect(engine.calls.apply).toHaveLength(0);
  });

  it('during Apply q, Esc and Ctrl+C do not interrupt, and the footer says so', async () => {
    const { ui, engine, onExit } = setup(fixtureEngine({ delayMs: 20 }));
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Applying create-all'));
    expect(ui.screen()).toContain('q, Esc and Ctrl+C are off while the repair runs');
    await ui.press('q', KEY.esc, KEY.ctrlC);
    expect(onExit).not.toHaveBeenCalled();
    expect(ui.screen()).toContain('Applying create-all');
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(engine.calls.apply).toHaveLength(1);
    await ui.press('q');
    expect(onExit).toHaveBeenCalledWith(0);
  });
});

describe('Esc goes back one step', () => {
  it('walks back from Confirm to Connect, keeping what was detected', async () => {
    const { ui, engine } = setup();
    await walkTo(ui, 'confirm');
    for (const screen of ['preview', 'choose', 'explain', 'detect', 'connect'] as const) {
      await ui.press(KEY.esc);
      expect(ui.screen()).toContain(MARK[screen]);
    }
    await ui.press(KEY.esc);
    expect(ui.screen()).toContain(MARK.connect);
    await ui.press(KEY.enter);
    expect(ui.screen()).toContain('001_initial_tables');
    expect(engine.calls.detect).toBe(1);
  });

  it('returns to Choose with the chosen strategy still selected', async () => {
    const { ui } = setup();
    await walkTo(ui, 'choose');
    await ui.press(KEY.down, KEY.enter);
    expect(ui.screen()).toContain('rerun: Re-run the migrations');
    expect(ui.screen()).toContain('Foreseen conflicts, reconciled (1)');
    await ui.press(KEY.esc);
    expect(ui.screen()).toMatch(/❯ rerun/);
  });

  it('does not select an inapplicable strategy', async () => {
    const { ui } = setup();
    await walkTo(ui, 'choose');
    await ui.press(KEY.down, KEY.down, KEY.down);
    expect(ui.screen()).toMatch(/❯ rerun/);
    expect(ui.screen()).not.toMatch(/❯ sync-ledger/);
  });

  it('is ignored once the repair is over', async () => {
    const { ui } = setup();
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    await ui.press(KEY.esc);
    await tick();
    expect(ui.screen()).toContain('verified: in sync');
  });
});

describe('Explain', () => {
  it('expands and collapses the selected cause with Space and →', async () => {
    const { ui } = setup();
    await walkTo(ui, 'explain');
    expect(ui.screen()).not.toContain('agents was created in transaction 7530');
    await ui.press(KEY.down, ' ');
    expect(ui.screen()).toContain('+ agents was created in transaction 7530');
    await ui.press(KEY.right);
    expect(ui.screen()).not.toContain('agents was created in transaction 7530');
    await ui.press(KEY.up, ' ');
    expect(ui.screen()).not.toContain('share transaction 7412');
    expect(ui.screen()).toContain('→ The migrations never ran');
  });
});
