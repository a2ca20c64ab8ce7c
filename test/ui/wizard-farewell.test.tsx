import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import { KEY, renderUi, waitFor, walkTo } from './helpers.js';

const UNTOUCHED = /^the database is untouched$/m;

function setup() {
  const onExit = vi.fn();
  const engine = fixtureEngine();
  const ui = renderUi(<App engine={engine} onExit={onExit} />, { rows: 24, columns: 80 });
  return { ui, engine, onExit };
}

describe('Ctrl+C before Apply says the database is untouched', () => {
  it.each(['connect', 'detect', 'explain', 'choose', 'preview', 'confirm'] as const)('on %s', async (screen) => {
    const { ui, engine, onExit } = setup();
    await walkTo(ui, screen);
    if (screen === 'confirm') await ui.type('agents_pr');
    await ui.press(KEY.ctrlC);
    expect(onExit).toHaveBeenCalledWith(1);
    expect(ui.screen()).toContain('nothing was changed');
    expect(ui.screen()).toMatch(UNTOUCHED);
    expect(engine.calls.apply).toHaveLength(0);
  });

  it('with the help open, and with the file prompt open', async () => {
    for (const open of ['?', 'w']) {
      const { ui, onExit } = setup();
      await walkTo(ui, 'preview');
      await ui.press(open);
      await ui.press(KEY.ctrlC);
      expect(onExit).toHaveBeenCalledWith(1);
      expect(ui.screen()).toMatch(UNTOUCHED);
    }
  });

  it('after a rehearsal: untouched, because the rehearsal was rolled back', async () => {
    const { ui, engine, onExit } = setup();
    await walkTo(ui, 'preview');
    await ui.press('r');
    await waitFor(() => ui.screen().includes('nothing was kept'));
    await ui.press(KEY.ctrlC);
    expect(onExit).toHaveBeenCalledWith(1);
    expect(ui.screen()).toMatch(/^the database is untouched: the rehearsal was rolled back$/m);
    expect(engine.calls.apply).toHaveLength(0);
  });

  it('stays off while the repair runs, and after it the end screen says what was done instead', async () => {
    const { ui, onExit } = setup();
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await ui.press(KEY.ctrlC);
    expect(onExit).not.toHaveBeenCalled();
    await waitFor(() => ui.screen().includes('verified: in sync'));
    await ui.press(KEY.ctrlC);
    expect(onExit).toHaveBeenCalledWith(0);
    expect(ui.screen()).not.toContain('untouched');
    expect(ui.screen()).toContain('committed and verified');
  });
});
