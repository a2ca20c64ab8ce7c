import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeIncidentReport } from '../../src/cli/report-file.js';
import { App } from '../../src/ui/ink/App.js';
import type { WizardRecord } from '../../src/ui/ink/incident-record.js';
import { fixtureEngine, type FixtureOptions } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { flat, KEY, renderUi, waitFor, walkTo } from './helpers.js';

function setup(
  options: FixtureOptions = {},
  writeReport = vi.fn(async (_record: WizardRecord, _file: string) => '/srv/incidents/drift-doctor-report-agents_prod-20261121-100213.md'),
  size = { rows: 30, columns: 100 },
) {
  const onExit = vi.fn();
  const ui = renderUi(<App engine={fixtureEngine(options)} onExit={onExit} writeReport={writeReport} />, size);
  return { ui, writeReport, onExit };
}

const CTRL_U = '\u0015';
const DEFAULT_NAME = /Write the incident report to: \.\/drift-doctor-report-agents_prod-\d{8}-\d{6}\.md/;

/** Walks to the end of a successful repair. */
async function repaired(ui: ReturnType<typeof setup>['ui']) {
  await walkTo(ui, 'confirm');
  await ui.type('agents_prod');
  await ui.press(KEY.enter);
  await waitFor(() => ui.screen().includes('verified: in sync'));
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
    // A name to check or change first, as for the plan: nothing is written yet.
    expect(ui.screen()).toMatch(DEFAULT_NAME);
    expect(ui.screen()).toContain('Enter write (never over an existing file)');
    expect(ui.screen()).toContain('Esc cancel');
    expect(writeReport).not.toHaveBeenCalled();
    const offered = /\.\/drift-doctor-report-\S+\.md/.exec(ui.screen())![0];
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('written to'));
    expect(flat(ui.screen())).toContain('the incident report written to /srv/incidents/drift-doctor-report-agents_prod-20261121-100213.md');
    expect(writeReport).toHaveBeenCalledTimes(1);
    expect(writeReport.mock.calls[0]![1]).toBe(offered);
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
    await repaired(ui);
    await ui.press('m', KEY.enter);
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
    await ui.press('m', KEY.enter);
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
    await ui.press('m', KEY.enter);
    await waitFor(() => ui.screen().includes('written to'));
    expect(writeReport.mock.calls[0]![0].plan).toBeUndefined();
  });

  it('Esc cancels without writing; a name of the operator’s is the one the writer gets; the --report name is offered', async () => {
    const { ui, writeReport } = setup();
    await repaired(ui);
    await ui.press('m');
    await ui.type('q');
    expect(ui.screen()).toMatch(/Write the incident report to: \S+\.mdq/);
    await ui.press(KEY.esc);
    expect(ui.screen()).not.toContain('Write the incident report');
    expect(ui.screen()).toContain('verified: in sync');
    expect(writeReport).not.toHaveBeenCalled();
    await ui.press('m', CTRL_U);
    await ui.type('~/incidents/agents.md');
    await ui.press(KEY.enter);
    await waitFor(() => writeReport.mock.calls.length > 0);
    expect(writeReport.mock.calls[0]![1]).toBe('~/incidents/agents.md');

    const given = renderUi(<App engine={fixtureEngine()} writeReport={writeReport} reportPath="./incident-42.md" />, { rows: 30, columns: 100 });
    await repaired(given);
    await given.press('m');
    expect(given.screen()).toMatch(/Write the incident report to: \.\/incident-42\.md/);
  });

  it('with the CLI’s writer: written where typed, never over an existing file, and the wizard stays; at 80 columns the path has a row of its own', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dd-ui-report-'));
    try {
      const file = path.join(dir, 'drift-doctor-report-agents_prod-20261121-100213.md');
      const write = vi.fn((record: WizardRecord, to: string) => writeIncidentReport(to, record as Parameters<typeof writeIncidentReport>[1], 'en'));
      const { ui, onExit } = setup({}, write, { rows: 24, columns: 80 });
      await repaired(ui);
      await ui.press('m', CTRL_U);
      await ui.type(file);
      await ui.press(KEY.enter);
      await waitFor(() => ui.screen().includes('written to'));
      expect(readFileSync(file, 'utf8')).toContain('agents_prod');
      const rows = ui.screen().split('\n');
      const at = rows.findIndex((row) => row.startsWith('the incident report written to'));
      expect(rows[at]).toBe('the incident report written to');
      expect(rows[at + 1]).toBe(`  ${file}`);
      expect(rows.every((row) => row.length <= 80)).toBe(true);

      writeFileSync(file, 'an earlier report');
      await ui.press('m', CTRL_U);
      await ui.type(file);
      await ui.press(KEY.enter);
      await waitFor(() => ui.screen().includes('not written'));
      // (A message too long for the row may break inside the path: compare without the breaks.)
      expect(ui.screen().replace(/\s+/g, '')).toContain(`theincidentreportnotwritten:thereportwasnotwritten:${file}alreadyexists,andareportisneveroverwritten`);
      expect(readFileSync(file, 'utf8')).toBe('an earlier report');
      expect(ui.screen()).toContain('verified: in sync');
      expect(onExit).not.toHaveBeenCalled();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
