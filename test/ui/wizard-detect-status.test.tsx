import { describe, expect, it } from 'vitest';
import type { MigrationStatus } from '../../src/core/types.js';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { KEY, MARK, renderUi, waitFor, walkTo } from './helpers.js';

/**
 * The Detect table speaks `check`'s words: a merely pending migration is
 * `pending` (lower case, not a problem), and a recorded migration whose
 * objects exist but differ from what it makes is `DIFFERENT`, not `ok`.
 */
describe('Detect status words', () => {
  it('shows pending in lower case and DIFFERENT for a recorded migration whose objects differ', async () => {
    const migrations: MigrationStatus[] = incident.migrations.map((m) => {
      if (m.name.startsWith('002')) {
        return { ...m, presence: 'all', present: [], missing: [], different: [incident.report.different[0]!] };
      }
      if (m.name.startsWith('020')) return { ...m, presence: 'none', present: [], missing: [] };
      return m;
    });
    const ui = renderUi(<App engine={fixtureEngine({ report: { ...incident.report, migrations } })} />, { rows: 45 });
    await walkTo(ui, 'connect');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes(MARK.detect) && ui.screen().includes('001_initial_tables'));
    await ui.press(KEY.end);
    const s = ui.screen();
    expect(s).toMatch(/002_ollama_servers_models\s+yes\s+all\s+DIFFERENT$/m);
    expect(s).toMatch(/020_add_workflow_events\s+no\s+none\s+pending$/m);
    expect(s).not.toContain('PENDING');
  });
});
