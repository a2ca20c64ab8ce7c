import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import { KEY, MARK, renderUi, waitFor } from './helpers.js';

const ROWS = 20;
const COLUMNS = 72;

/** Ink clears the whole window (and flickers) once a frame is as tall as it. */
function expectFits(frame: string) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThan(ROWS);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(COLUMNS);
}

describe(`a ${COLUMNS}×${ROWS} terminal`, () => {
  it('every screen fits, and long screens scroll instead', async () => {
    const ui = renderUi(<App engine={fixtureEngine({ delayMs: 5 })} />, { rows: ROWS, columns: COLUMNS });
    await waitFor(() => ui.screen().includes(MARK.connect));
    expectFits(ui.screen());
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.detect));
    expectFits(ui.screen());
    expect(ui.screen()).toMatch(/rows 1–\d+ of 20/);
    await ui.press(KEY.end);
    expect(ui.screen()).toContain('020_add_workflow_events');
    for (const screen of ['explain', 'choose', 'preview', 'confirm'] as const) {
      await ui.press(KEY.enter);
      await waitFor(() => ui.screen().includes(MARK[screen]));
      expectFits(ui.screen());
      if (screen === 'choose') {
        expect(ui.screen()).toContain('(recommended)');
        await ui.press(KEY.down);
        expect(ui.screen()).toMatch(/❯ rerun/);
        expectFits(ui.screen());
        await ui.press(KEY.up);
      }
      if (screen === 'preview') {
        // The rehearsal's verdict and "nothing was kept" stay in view; the rest scrolls.
        await ui.press('r');
        await waitFor(() => ui.screen().includes('nothing was kept'));
        expectFits(ui.screen());
        expect(ui.screen()).toContain('this plan works on this database');
        expect(ui.screen()).toMatch(/rows 1–\d+ of \d+/);
        await ui.press(KEY.esc);
        await waitFor(() => ui.screen().includes(MARK.preview));
      }
    }
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Applying'));
    expectFits(ui.screen());
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expectFits(ui.screen());
    expect(ui.screen().split('\n').at(-3)).toBe('verified: in sync');
  });
});
