import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { footerHeight, hintRows, hintsFor } from '../../src/ui/ink/key-hints.js';
import { clampOffset, revealRow, scrollKey } from '../../src/ui/ink/scroll.js';
import {
  describeError,
  exitCodeFor,
  initialState,
  previousScreen,
  rehearsalOfChosen,
  wizardReducer,
  type WizardState,
} from '../../src/ui/ink/wizard-state.js';
import * as incident from './fixtures.js';

const outcome = { report: incident.report, diagnosis: incident.diagnosis };

describe('wizard state', () => {
  it('goes back one screen, never out of Apply or Verify', () => {
    expect(previousScreen('confirm')).toBe('preview');
    expect(previousScreen('detect')).toBe('connect');
    expect(previousScreen('connect')).toBeNull();
    expect(previousScreen('apply')).toBeNull();
    expect(previousScreen('verify')).toBeNull();
    const onApply: WizardState = { ...initialState, screen: 'apply' };
    expect(wizardReducer(onApply, { type: 'back' }).screen).toBe('apply');
  });

  it('skips to in-sync only when the operator is watching Detect', () => {
    const inSync = { ...outcome, report: { ...incident.report, inSync: true } };
    expect(wizardReducer({ ...initialState, screen: 'detect' }, { type: 'detected', outcome: inSync }).screen).toBe('in-sync');
    expect(wizardReducer({ ...initialState, screen: 'connect' }, { type: 'detected', outcome: inSync }).screen).toBe('connect');
    expect(wizardReducer({ ...initialState, screen: 'detect' }, { type: 'detected', outcome }).screen).toBe('detect');
  });

  it('exit codes: 0 consistent, 1 drift left, 2 error or failed repair', () => {
    expect(exitCodeFor({ ...initialState, screen: 'preview' })).toBe(1);
    expect(exitCodeFor({ ...initialState, screen: 'in-sync' })).toBe(0);
    expect(exitCodeFor({ ...initialState, screen: 'error' })).toBe(2);
    const refusedError = { during: 'applying' as const, message: 'm', hint: null, exitCode: 3 as const };
    expect(exitCodeFor({ ...initialState, screen: 'error', error: refusedError })).toBe(3);
    const refusedDiagnosis = { ...outcome, diagnosis: { ...incident.diagnosis, refusal: 'ledger elsewhere' } };
    expect(exitCodeFor({ ...initialState, screen: 'explain', outcome: refusedDiagnosis })).toBe(3);
    expect(exitCodeFor({ ...initialState, screen: 'verify', verify: incident.verifyResult })).toBe(0);
    expect(exitCodeFor({ ...initialState, screen: 'verify', verify: { ...incident.verifyResult, ok: false } })).toBe(1);
    const failed = { ok: false, error: 'x', failedStep: null, stepsRun: 0, durationMs: 1, verify: null };
    expect(exitCodeFor({ ...initialState, screen: 'verify', applyResult: failed, verify: incident.verifyResult })).toBe(2);
  });

  it('quit: the code and the last words depend on what is known, and nothing the engine says after changes them', () => {
    const quit = (state: WizardState) => wizardReducer(state, { type: 'quit' }).quit;
    expect(quit({ ...initialState, screen: 'connect' })).toEqual({ code: 1, farewell: 'quit before detection started — nothing was changed' });
    // Back on Connect while detection runs: it had started.
    expect(quit({ ...initialState, screen: 'connect', timing: { detect: { start: 1 } } })?.farewell).toBe('quit before detection finished — nothing was changed');
    expect(quit({ ...initialState, screen: 'detect' })?.farewell).toBe('quit before detection finished — nothing was changed');
    expect(quit({ ...initialState, screen: 'choose', outcome })?.farewell).toMatch(/^quit with the drift left as detected — nothing was changed/);
    const inSync = { ...outcome, report: { ...incident.report, inSync: true } };
    expect(quit({ ...initialState, screen: 'connect', outcome: inSync })?.code).toBe(0);
    expect(quit({ ...initialState, screen: 'verify', verify: incident.verifyResult })).toEqual({ code: 0, farewell: null });
    const left = wizardReducer(initialState, { type: 'quit' });
    const error = { during: 'connecting' as const, message: 'timeout', hint: null, exitCode: 2 as const };
    expect(wizardReducer(left, { type: 'failed', error })).toBe(left);
  });

  it('a rehearsal belongs to the plan it ran: another strategy has none, and Esc from its result goes to Preview', () => {
    const preview: WizardState = { ...initialState, screen: 'preview', chosen: 'create-all' };
    const started = wizardReducer(preview, { type: 'rehearse-started', strategy: 'create-all' });
    expect(started.screen).toBe('rehearse');
    expect(wizardReducer(started, { type: 'back' }).screen).toBe('rehearse');
    const result = { ok: true, error: null, failedStep: null, stepsRun: 35, durationMs: 1900, verify: incident.verifyResult };
    const done = wizardReducer(started, { type: 'rehearsed', result });
    expect(done.screen).toBe('rehearsal');
    expect(rehearsalOfChosen(done)).toBe(result);
    expect(rehearsalOfChosen({ ...done, chosen: 'rerun' })).toBeNull();
    expect(wizardReducer(done, { type: 'back' }).screen).toBe('preview');
    // A rehearsal changes nothing, so quitting after one leaves drift: exit 1.
    expect(exitCodeFor(done)).toBe(1);
  });

  it('describes errors by message and hint only', () => {
    const error = Object.assign(new Error('connection refused'), { hint: 'is PostgreSQL running on db.internal:5432?' });
    expect(describeError(error, 'connecting')).toEqual({
      during: 'connecting',
      message: 'connection refused',
      hint: 'is PostgreSQL running on db.internal:5432?',
      exitCode: 2,
    });
    expect(describeError('plain string', 'planning')).toEqual({ during: 'planning', message: 'plain string', hint: null, exitCode: 2 });
    const refused = Object.assign(new Error('another repair holds the lock'), { hint: 'wait', exitCode: 3 });
    expect(describeError(refused, 'applying').exitCode).toBe(3);
  });
});

const key = (overrides: Partial<Key>): Key => ({ ...({} as Key), ...overrides });

describe('scrolling', () => {
  const view = { total: 50, height: 10 };
  it('moves by rows and pages and stays inside the content', () => {
    expect(scrollKey(key({ downArrow: true }), 0, view)).toBe(1);
    expect(scrollKey(key({ upArrow: true }), 0, view)).toBe(0);
    expect(scrollKey(key({ pageDown: true }), 0, view)).toBe(9);
    expect(scrollKey(key({ end: true }), 0, view)).toBe(40);
    expect(scrollKey(key({ return: true }), 0, view)).toBeNull();
    expect(clampOffset(45, 50, 10)).toBe(40);
  });

  it('reveals a row with the least movement', () => {
    expect(revealRow(5, 0, view)).toBe(0);
    expect(revealRow(12, 0, view)).toBe(3);
    expect(revealRow(2, 8, view)).toBe(2);
  });
});

describe('key hints', () => {
  it('are off during Apply, with the reason', () => {
    const hints = hintsFor('apply', { ready: true, refused: false });
    expect(hints.keys).toEqual([]);
    expect(hints.note).toContain('must not be interrupted');
  });

  it('are off during a rehearsal, and Enter is offered after one only when it worked', () => {
    expect(hintsFor('rehearse', { ready: true, refused: false }).keys).toEqual([]);
    const worked = hintsFor('rehearsal', { ready: true, refused: false, rehearsalOk: true });
    expect(worked.keys.map((k) => k.keys)).toContain('Enter');
    const failed = hintsFor('rehearsal', { ready: true, refused: false, rehearsalOk: false });
    expect(failed.keys.map((k) => k.keys)).not.toContain('Enter');
    expect(failed.note).toContain('Enter is off');
    expect(hintsFor('preview', { ready: true, refused: false }).keys.map((k) => k.keys)).toContain('r');
  });

  it('offer no way forward from a refused Explain', () => {
    const keys = hintsFor('explain', { ready: true, refused: true }).keys.map((k) => k.keys);
    expect(keys).not.toContain('Enter');
    expect(keys).toContain('q');
  });

  it('break between hints on narrow terminals', () => {
    const hints = hintsFor('detect', { ready: true, refused: false });
    expect(hintRows(hints, 200)).toHaveLength(1);
    expect(hintRows(hints, 40).length).toBeGreaterThan(1);
    expect(footerHeight(hints, 40)).toBe(hintRows(hints, 40).length);
  });
});
