import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { KEY, MARK, renderUi, waitFor, walkTo } from './helpers.js';

const header = (screen: string) => screen.split('\n').slice(0, 2);

describe('the header always shows the database, the role and the ledger', () => {
  it('at 80 columns: compact — the walk shortened, the server left to the Connect screen', async () => {
    const ui = renderUi(<App engine={fixtureEngine()} />, { rows: 24, columns: 80 });
    await walkTo(ui, 'explain');
    const [walk, where] = header(ui.screen());
    expect(walk).toBe('drift-doctor   3/8 Explain');
    expect(where).toBe('agents_prod as app_owner · ledger public.mikro_orm_migrations');
  });

  it('at 160 columns: the whole walk, and the server and its version too', async () => {
    const ui = renderUi(<App engine={fixtureEngine()} />, { rows: 50, columns: 160 });
    await walkTo(ui, 'choose');
    const [walk, where] = header(ui.screen());
    expect(walk).toBe('drift-doctor   Connect › Detect › Explain › Choose › Preview › Confirm › Apply › Verify');
    expect(where).toBe('agents_prod as app_owner on db.internal:5432 · ledger public.mikro_orm_migrations · PostgreSQL 15.20');
  });

  it('on every screen of the walk, and on the end screen', async () => {
    const ui = renderUi(<App engine={fixtureEngine()} />, { rows: 24, columns: 80 });
    await walkTo(ui, 'connect');
    for (const screen of ['detect', 'explain', 'choose', 'preview', 'confirm'] as const) {
      await ui.press(KEY.enter);
      await waitFor(() => ui.screen().includes(MARK[screen]));
      expect(header(ui.screen())[1]).toContain('as app_owner · ledger public.mikro_orm_migrations');
    }
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(header(ui.screen())[1]).toContain('agents_prod as app_owner');
  });

  it('a ledger in another schema and long names are cut sensibly, never past the width', async () => {
    const connection = {
      ...incident.connection,
      database: 'agents_production_eu_west_1_primary_replica_for_reporting',
      role: 'svc_drift_doctor_readwrite_operator',
      ledgerTable: 'ops.mikro_orm_migrations',
    };
    const ui = renderUi(<App engine={fixtureEngine({ connection })} />, { rows: 24, columns: 80 });
    await walkTo(ui, 'connect');
    const [, where] = header(ui.screen());
    expect(where!.length).toBeLessThanOrEqual(79);
    expect(where).toBe('agents_production_e… as svc_drift_doctor_rea… · ledger ops.mikro_orm_migrations');
  });
});
