import { describe, expect, it } from 'vitest';
import type { DetectOutcome } from '../../src/core/engine.js';
import type { ApplyResult } from '../../src/core/types.js';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { KEY, renderUi, waitFor, walkTo } from './helpers.js';

/** A clock the test moves: the elapsed time on screen is the wizard's, never the engine's. */
function testClock(start = 1_000_000) {
  let now = start;
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

function gate<T>() {
  let open: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('long phases show a spinner with the phase, counts and elapsed time', () => {
  it('detection: a checklist of phases, the running one with its count, and the time from the wizard’s clock', async () => {
    const clock = testClock();
    const engine = fixtureEngine();
    const release = gate<DetectOutcome>();
    engine.detect = async (onProgress) => {
      onProgress?.({ phase: 'files', message: 'reading 20 migration files' });
      clock.advance(300);
      onProgress?.({ phase: 'replay', message: 'replaying 007_add_task_queues (7/20)' });
      return release.promise;
    };
    const ui = renderUi(<App engine={engine} clock={clock.read} />, { rows: 24, columns: 80 });
    await walkTo(ui, 'connect');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('replaying 007_add_task_queues 7/20'));
    clock.advance(12_000);
    await waitFor(() => ui.screen().includes('12.3 s'));
    const s = ui.screen();
    expect(s).toMatch(/Detecting — read-only, nothing is written · 12\.3 s/);
    expect(s).toMatch(/✓ files\s+reading 20 migration files\s+0\.3 s/);
    expect(s).toMatch(/replay\s+replaying 007_add_task_queues 7\/20\s+12\.0 s/);
    release.open({ report: incident.report, diagnosis: incident.diagnosis });
    await waitFor(() => ui.screen().includes('What the ledger says against what exists'));
  });

  it('apply: the step running as `step n/total`, with its reason, and the elapsed time', async () => {
    const clock = testClock();
    const engine = fixtureEngine();
    const release = gate<ApplyResult>();
    engine.apply = async (plan, onProgress) => {
      engine.calls.apply.push(plan);
      const [a, b, c] = plan.steps;
      const total = plan.steps.length;
      onProgress?.({ index: 0, total, step: a!, state: 'done' });
      onProgress?.({ index: 1, total, step: b!, state: 'done' });
      onProgress?.({ index: 2, total, step: c!, state: 'running' });
      return release.promise;
    };
    const ui = renderUi(<App engine={engine} clock={clock.read} />, { rows: 24, columns: 80 });
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Applying create-all: 2 of 36 done'));
    clock.advance(4_200);
    await waitFor(() => ui.screen().includes('4.2 s'));
    expect(ui.screen()).toMatch(/step 3\/36 · Create missing table artifact_dependencies .*· 4\.2 s$/m);
    release.open({ ok: true, error: null, failedStep: null, stepsRun: 36, durationMs: 4200, verify: incident.verifyResult });
    await waitFor(() => ui.screen().includes('verified: in sync'));
  });

  it('a rehearsal counts the steps of its transaction, then says it verifies before the rollback', async () => {
    const clock = testClock();
    const engine = fixtureEngine();
    const release = gate<ApplyResult>();
    engine.apply = async (plan, onProgress) => {
      const inside = plan.steps.filter((s) => !s.outsideTransaction);
      inside.forEach((step, index) => onProgress?.({ index, total: inside.length, step, state: 'done' }));
      return release.promise;
    };
    const ui = renderUi(<App engine={engine} clock={clock.read} />, { rows: 24, columns: 80 });
    await walkTo(ui, 'preview');
    await ui.press('r');
    clock.advance(1_500);
    await waitFor(() => ui.screen().includes('verifying inside the transaction, then ROLLBACK · 1.5 s'));
    release.open({ ok: true, error: null, failedStep: null, stepsRun: 35, durationMs: 1500, verify: incident.verifyResult });
    await waitFor(() => ui.screen().includes('this plan works on this database'));
  });

  it('step reports are drawn with the clock’s tick, not a frame each: a long repair is not slowed by its own screen', async () => {
    const engine = fixtureEngine();
    const base = incident.plans['create-all'];
    const plan = { ...base, steps: Array.from({ length: 400 }, (_, i) => base.steps[i % 35]!) };
    engine.plan = async (strategy) => (strategy === 'create-all' ? plan : incident.plans[strategy]);
    engine.apply = async (p, onProgress) => {
      engine.calls.apply.push(p);
      for (const [index, step] of p.steps.entries()) {
        onProgress?.({ index, total: p.steps.length, step, state: 'running' });
        onProgress?.({ index, total: p.steps.length, step, state: 'done' });
        if (index % 10 === 0) await new Promise((r) => setTimeout(r, 10));
      }
      return { ok: true, error: null, failedStep: null, stepsRun: p.steps.length, durationMs: 400, verify: incident.verifyResult };
    };
    const ui = renderUi(<App engine={engine} />, { rows: 50, columns: 160 });
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    const before = ui.frames.length;
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    // 800 step reports over about half a second: a handful of frames, not 800.
    expect(ui.frames.length - before).toBeLessThan(40);
    expect(ui.screen()).toContain('committed and verified: in sync — 400 steps');
  });

  it('connecting shows where, and for how long', async () => {
    const clock = testClock();
    const engine = fixtureEngine();
    engine.connect = () => new Promise(() => undefined);
    const ui = renderUi(<App engine={engine} clock={clock.read} target="db.internal:5432/agents_prod" />, { rows: 24, columns: 80 });
    await waitFor(() => ui.screen().includes('Connecting to db.internal:5432/agents_prod…'));
    clock.advance(2_000);
    await waitFor(() => ui.screen().includes('Connecting to db.internal:5432/agents_prod… · 2.0 s'));
  });
});
