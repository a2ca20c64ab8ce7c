import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import type { WizardRecord } from '../../src/ui/ink/incident-record.js';
import { fixtureEngine, type FixtureOptions } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { flat, KEY, renderUi, waitFor, walkTo } from './helpers.js';

function setup(options: FixtureOptions = {}, writeReport = vi.fn(async (_record: WizardRecord) => '/srv/incidents/drift-doctor-report-agents_prod-20261121-100213.md')) {
  const onExit = vi.fn();
  const ui = renderUi(<App engine={fixtureEngine(options)} onExit={onExit} writeReport={writeReport} />, { rows: 30, columns: 100 });
  return { ui, writeReport, onExit };
}

describe('m writes the incident report at the very end', () => {
  it('after the repair: the record holds what was found, the plan, the result and the verification; the screen says where', async () => {
    const { ui, writeReport, onExit } = setup();
    await walkTo(ui, 'preview');
    await ui.press('m');
    expect(writeReport).not.toHaveBeenCalled();
    expect(ui.screen()).not.toContain('incident report');
    await ui.press(KEY.enter);
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(ui.screen()).toContain('m write incident report (Markdown)');
    await ui.press('m');
    await waitFor(() => ui.screen().includes('written to'));
    expect(flat(ui.screen())).toContain('the incident report written to /srv/incidents/drift-doctor-report-agents_prod-20261121-100213.md');
    expect(writeReport).toHaveBeenCalledTimes(1);
    const record = writeReport.mock.calls[0]![0];
    expect(record.connection.database).toBe('agents_prod');
    expect(record.detected.report.counts.recordedButMissing).toBe(16);
    expect(record.plan?.strategy).toBe('create-all');
    expect(record.result?.ok).toBe(true);
    expect(record.verify?.ok).toBe(true);
    expect(record.rehearsal).toBeUndefined();
    expect(Date.parse(record.finishedAt)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
    // Still on the end screen; Enter leaves as before.
    await ui.press(KEY.enter);
    expect(onExit).toHaveBeenCalledWith(0);
  });

  it('a report that cannot be written says why, in words, and the wizard stays', async () => {
    const failing = vi.fn(async () => {
      throw Object.assign(new Error('cannot write the incident report to /srv/incidents/x.md: permission denied (EACCES)'), {
        hint: 'choose another path, in a directory you may write to',
      });
    });
    const { ui, onExit } = setup({}, failing);
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    await ui.press('m');
    await waitFor(() => ui.screen().includes('not written'));
    expect(flat(ui.screen())).toContain(
      'the incident report not written: cannot write the incident report to /srv/incidents/x.md: permission denied (EACCES) — choose another path',
    );
    expect(onExit).not.toHaveBeenCalled();
  });

  it('on the error screen the record carries the error; before detection there is nothing to report', async () => {
    const { ui, writeReport } = setup({ fail: { call: 'plan', error: new Error('MikroORM could not read the entities') } });
    await walkTo(ui, 'connect');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Stopped while planning'));
    expect(ui.screen()).toContain('m write incident report (Markdown)');
    await ui.press('m');
    await waitFor(() => writeReport.mock.calls.length > 0);
    expect(writeReport.mock.calls[0]![0].error).toEqual({ message: 'MikroORM could not read the entities' });

    const early = setup({ fail: { call: 'connect', error: new Error('connect ETIMEDOUT') } });
    await waitFor(() => early.ui.screen().includes('Stopped while connecting'));
    expect(early.ui.screen()).not.toContain('incident report');
    await early.ui.press('m');
    expect(early.writeReport).not.toHaveBeenCalled();
  });

  it('nothing to repair: offered too', async () => {
    const { ui, writeReport } = setup({ report: { ...incident.report, inSync: true } });
    await walkTo(ui, 'connect');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Nothing to repair'));
    await ui.press('m');
    await waitFor(() => ui.screen().includes('written to'));
    expect(writeReport.mock.calls[0]![0].plan).toBeUndefined();
  });

  it('is not offered without a report writer', async () => {
    const ui = renderUi(<App engine={fixtureEngine()} />);
    await walkTo(ui, 'confirm');
    await ui.type('agents_prod');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('verified: in sync'));
    expect(ui.screen()).not.toContain('incident report');
  });
});
