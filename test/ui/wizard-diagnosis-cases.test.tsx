import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine, type FixtureOptions } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { KEY, MARK, renderUi, waitFor, walkTo } from './helpers.js';

function setup(options: FixtureOptions) {
  const onExit = vi.fn();
  const engine = fixtureEngine(options);
  const ui = renderUi(<App engine={engine} onExit={onExit} />);
  return { ui, engine, onExit };
}

describe('a diagnosis that refuses repairs', () => {
  const refusal = 'The ledger lives in schema "legacy", not "public": point --schema at it before repairing.';

  it('shows the refusal first, never reaches Choose, and q exits 3', async () => {
    const { ui, engine, onExit } = setup({ diagnosis: { verdict: 'ledger-elsewhere', recommended: null, refusal } });
    await walkTo(ui, 'explain');
    const s = ui.screen();
    expect(s).toContain('REPAIR REFUSED: The ledger lives in schema "legacy"');
    expect(s.indexOf('REPAIR REFUSED')).toBeLessThan(s.indexOf('82%'));
    expect(s).not.toContain('Enter choose a repair');
    await ui.press(KEY.enter, KEY.enter);
    expect(ui.screen()).toContain(MARK.explain);
    expect(ui.screen()).not.toContain(MARK.choose);
    expect(engine.calls.plan).toEqual([]);
    await ui.press('q');
    expect(onExit).toHaveBeenCalledWith(3);
    expect(engine.calls.apply).toHaveLength(0);
  });
});

describe('an unknown verdict', () => {
  it('marks nothing as recommended and says the operator must choose', async () => {
    const { ui } = setup({ diagnosis: { verdict: 'unknown', recommended: 'create-all' } });
    await walkTo(ui, 'explain');
    expect(ui.screen()).toContain('The evidence does not clearly favour one cause');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('create-all'));
    const s = ui.screen();
    expect(s).not.toContain('(recommended)');
    expect(s).toContain("The evidence doesn't separate the causes, so there is no recommendation: you must choose.");
    expect(s.indexOf('create-all')).toBeLessThan(s.indexOf('rerun'));
  });

  it('keeps the recommended strategy first otherwise', async () => {
    const { ui } = setup({ diagnosis: { recommended: 'rerun' } });
    await walkTo(ui, 'choose');
    await waitFor(() => ui.screen().includes('create-all'));
    const s = ui.screen();
    expect(s).toMatch(/❯ rerun .*\(recommended\)/);
    expect(s.indexOf('rerun')).toBeLessThan(s.indexOf('create-all'));
  });
});

describe('a database already in sync', () => {
  it('skips to "verified: in sync" after Detect and exits 0', async () => {
    const report = { ...incident.report, inSync: true, counts: incident.afterCounts };
    const { ui, engine, onExit } = setup({ report, diagnosis: { verdict: 'in-sync', recommended: null, hypotheses: [] } });
    await walkTo(ui, 'connect');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Nothing to repair'));
    expect(ui.screen()).toContain('verified: in sync');
    expect(engine.calls.plan).toEqual([]);
    await ui.press(KEY.enter);
    expect(onExit).toHaveBeenCalledWith(0);
  });
});
