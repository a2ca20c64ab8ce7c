import { describe, expect, it, vi } from 'vitest';
import { NothingRanError } from '../../src/core/errors.js';
import { App } from '../../src/ui/ink/App.js';
import type { WizardRecord } from '../../src/ui/ink/incident-record.js';
import { renderIncidentReport } from '../../src/report/incident.js';
import type { ApplyResult } from '../../src/core/types.js';
import { fixtureEngine, type FixtureOptions } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { flat, KEY, renderUi, waitFor, walkTo } from './helpers.js';

class HintedError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

function setup(options: FixtureOptions = {}) {
  const onExit = vi.fn();
  const engine = fixtureEngine(options);
  const ui = renderUi(<App engine={engine} onExit={onExit} />);
  return { ui, engine, onExit };
}

describe('an engine error', () => {
  it('is shown in words with what to do, never a stack, and exits 2', async () => {
    const error = new HintedError(
      'password authentication failed for user "app_owner"',
      'check DATABASE_URL or PGPASSWORD, or pass --url.',
    );
    const { ui, onExit } = setup({ fail: { call: 'connect', error } });
    await waitFor(() => ui.screen().includes('Stopped while connecting'));
    const s = ui.screen();
    expect(s).toContain('password authentication failed for user "app_owner"');
    expect(flat(s)).toContain('What to do: check DATABASE_URL or PGPASSWORD, or pass --url.');
    expect(flat(s)).toContain('Database: untouched — nothing was changed.');
    expect(s).not.toMatch(/^\s+at /m);
    await ui.press('q');
    expect(onExit).toHaveBeenCalledWith(2);
  });

  it('during detection, without a hint of its own, says what to do in general and that nothing was written', async () => {
    const { ui } = setup({ fail: { call: 'detect', error: new Error('scratch database could not replay 018: extension "pg_trgm" is not available') } });
    await walkTo(ui, 'connect');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Stopped while detecting'));
    const s = flat(ui.screen());
    expect(s).toContain('What happened: scratch database could not replay 018: extension "pg_trgm" is not available');
    expect(s).toContain('What to do: act on the message above, then run drift-doctor again');
    expect(s).toContain('Database: untouched — nothing was changed (detection only reads).');
  });
});

describe('the error box', () => {
  it('is a rounded box: what happened, what to do, and that the database was not touched', async () => {
    const { ui } = setup({ fail: { call: 'connect', error: new HintedError('connect ECONNREFUSED 10.0.0.7:5432', 'start the server or pass the right --url.') } });
    await waitFor(() => ui.screen().includes('Stopped while connecting'));
    const rows = ui.screen().split('\n');
    const top = rows.findIndex((r) => r.startsWith('╭'));
    expect(top).toBeGreaterThan(0);
    expect(rows[top + 1]).toMatch(/^│ Stopped while connecting\s+│$/);
    // Labels in a column, each text wrapped under itself.
    expect(rows.some((r) => /^│ What happened: connect ECONNREFUSED 10\.0\.0\.7:5432\s+│$/.test(r))).toBe(true);
    expect(rows.some((r) => /^│ What to do:    start the server or pass the right --url\.\s+│$/.test(r))).toBe(true);
    expect(rows.some((r) => /^│ Database:      untouched — nothing was changed\.\s+│$/.test(r))).toBe(true);
    expect(rows.some((r) => r.startsWith('╰'))).toBe(true);
  });

  it('during the repair says the database may have changed and how to look', async () => {
    const { ui, onExit } = setup({ fail: { call: 'apply', error: new Error('the connection was lost during step 12 of 36') } });
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Stopped while applying'));
    const s = flat(ui.screen());
    expect(s).toContain('What happened: the connection was lost during step 12 of 36');
    expect(s).toContain('Database: maybe changed: the repair was running. Its transaction rolls back unless COMMIT was reached — run `drift-doctor check`');
    expect(s).not.toContain('untouched');
    await ui.press(KEY.ctrlC);
    expect(onExit).toHaveBeenCalledWith(2);
  });

  it('refused before its first statement (a missing privilege): the database is untouched, and the report says the repair was tried', async () => {
    const error = new NothingRanError('role reader may not run this repair: it lacks INSERT on public.mikro_orm_migrations. Nothing was run.', 'connect as the schema owner');
    const written: WizardRecord[] = [];
    const onExit = vi.fn();
    const ui = renderUi(
      <App engine={fixtureEngine({ fail: { call: 'apply', error } })} onExit={onExit} writeReport={async (record) => (written.push(record), '/tmp/r.md')} reportPath="/tmp/r.md" />,
    );
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Stopped while applying'));
    const s = flat(ui.screen());
    expect(s).toContain('Database: untouched — the repair stopped before its first statement; nothing was changed.');
    expect(s).not.toContain('maybe changed');
    await ui.press('m');
    await ui.press(KEY.enter);
    await waitFor(() => written.length === 1);
    expect(written[0]!.plan?.strategy).toBe('create-all');
    expect(written[0]!.error?.message).toContain('may not run this repair');
    expect(renderIncidentReport(written[0]!, 'en')).toMatch(/repair `?create-all`?, stopped by an error/);
  });
});

describe('after Apply', () => {
  it('asks the engine to verify when the apply result carries no verification', async () => {
    const { ui, engine, onExit } = setup({ verify: null });
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(engine.calls.verify).toBe(1);
    await ui.press(KEY.enter);
    expect(onExit).toHaveBeenCalledWith(0);
  });

  it('a failed repair is shown with what is left, and exits 2', async () => {
    const engine = fixtureEngine();
    const failedStep = incident.plans['create-all'].steps[33] ?? null;
    engine.apply = async (plan) => {
      engine.calls.apply.push(plan);
      const result: ApplyResult = {
        ok: false,
        error: 'lock timeout on public.tools: another session holds it (SQLSTATE 55P03); nothing was kept',
        failedStep,
        stepsRun: 33,
        durationMs: 5200,
        verify: {
          ...incident.verifyResult,
          ok: false,
          after: incident.beforeCounts,
          checks: incident.verifyResult.checks.map((c) =>
            c.id === 'footprints-present' ? { ...c, ok: false, detail: '16 migrations still have no tables' } : c,
          ),
        },
      };
      return result;
    };
    const onExit = vi.fn();
    const ui = renderUi(<App engine={engine} onExit={onExit} />);
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('not verified'));
    const s = ui.screen();
    expect(s).toContain('Repair failed at "Add the foreign key tools → agents that 010 declares" after 33 steps');
    expect(s).toContain("✗ every recorded migration's objects exist: 16 migrations still have no tables");
    expect(s).toMatch(/^not verified: the repair failed: lock timeout/m);
    await ui.press('q');
    expect(onExit).toHaveBeenCalledWith(2);
  });
});

describe('Apply progress', () => {
  it('is placed by step, not by the engine’s count of transactional steps', async () => {
    const base = incident.plans['create-all'];
    const [a, b, c] = base.steps;
    const outside = base.steps.at(-1);
    if (!a || !b || !c || !outside) throw new Error('fixture plan too short');
    const plan = { ...base, steps: [a, outside, b, c] };
    let release: () => void = () => undefined;
    const engine = fixtureEngine({ plans: { 'create-all': plan } });
    engine.apply = async (p, onProgress) => {
      engine.calls.apply.push(p);
      const inside = p.steps.filter((s) => !s.outsideTransaction);
      inside.forEach((step, index) => onProgress?.({ index, total: inside.length, step, state: 'done' }));
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { ok: true, error: null, failedStep: null, stepsRun: inside.length, durationMs: 1, verify: incident.verifyResult };
    };
    const ui = renderUi(<App engine={engine} />);
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('3 of 4 done'));
    const s = ui.screen();
    expect(s).toMatch(/✓\s+1\. Create missing table tasks/);
    expect(s).toMatch(/·\s+2\. Create the missing index agents_name_index.*\(after COMMIT\)/);
    expect(s).toMatch(/✓\s+3\. Create missing table artifacts/);
    expect(s).toMatch(/✓\s+4\. Create missing table artifact_dependencies/);
    release();
    await waitFor(() => ui.screen().includes('verified: in sync'));
  });
});
