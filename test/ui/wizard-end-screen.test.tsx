import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine, type FixtureOptions } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { KEY, renderUi, waitFor, walkTo } from './helpers.js';

async function applied(options: FixtureOptions = {}) {
  const ui = renderUi(<App engine={fixtureEngine(options)} />);
  await walkTo(ui, 'confirm');
  await ui.type('agents_prod');
  await ui.press(KEY.enter);
  await waitFor(() => /^(not )?verified/m.test(ui.screen()));
  return ui.screen();
}

const rows = (screen: string) => screen.split('\n').map((row) => row.trimEnd());

describe('the end screen after a successful apply', () => {
  it('says the repair was committed, and keeps `verified: in sync` on its own line', async () => {
    const s = await applied();
    expect(s).toMatch(/^committed and verified: in sync — 36 steps in \d+\.\d s$/m);
    expect(rows(s)).toContain('verified: in sync');
  });

  it('in demo (no journal for the embedded database) has no journal or undo line and no gap for them', async () => {
    const s = await applied({ journalPath: null });
    expect(s).not.toContain('journal:');
    expect(s).not.toContain('undo');
    const lines = rows(s);
    const summary = lines.findIndex((row) => row.startsWith('committed and verified: in sync'));
    // The summary, one blank row, then the checks.
    expect(lines[summary + 1]).toBe('');
    expect(lines[summary + 2]).toMatch(/^ {2}✓ /);
    expect(lines).toContain('verified: in sync');
  });

  it('committed but still drifting says so, not "verified"', async () => {
    const verify = { ...incident.verifyResult, ok: false, checks: incident.verifyResult.checks.map((c, i) => (i === 1 ? { ...c, ok: false, detail: '2 tables absent' } : c)) };
    const s = await applied({ verify });
    expect(s).toContain('committed (36 steps in');
    expect(s).toContain('but the check after it still finds drift');
    expect(s).not.toContain('committed and verified');
    expect(s).toMatch(/^not verified: /m);
  });
});
