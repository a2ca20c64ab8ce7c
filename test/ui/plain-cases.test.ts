import { describe, expect, it, vi } from 'vitest';
import { DriftDoctorError, RefusedError } from '../../src/core/errors.js';
import type { IncidentRecord } from '../../src/report/incident.js';
import { fixtureEngine } from './fixture-engine.js';
import { report as incidentReport } from './fixtures.js';
import { after, plainSession } from './plain-session.js';

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001B/;

describe('plain mode: an unknown verdict', () => {
  it('recommends nothing, takes nothing on an empty answer, and goes on with what the operator picks', async () => {
    const engine = fixtureEngine({ diagnosis: { verdict: 'unknown', recommended: 'create-all' } });
    const session = plainSession(engine, { answers: ['y', '', 'rerun', 'quit'], endInput: true });
    expect(await session.exit).toBe(1);
    const t = session.text();
    expect(t).toContain('The evidence does not clearly favour one cause; the ranking below is a guess.');
    expect(t).toContain("there is no recommendation: you must choose");
    expect(t).not.toContain('(recommended)');
    expect(t).toContain('  answer (number or name): ');
    expect(t).toContain('nothing is chosen for you here');
    expect(t).toContain('plan: rerun');
    expect(engine.calls.apply).toEqual([]);
  });

  it('with a recommendation, an empty answer takes the recommended repair, listed first', async () => {
    const engine = fixtureEngine();
    const session = plainSession(engine, { answers: ['y', '', 'quit'], endInput: true });
    expect(await session.exit).toBe(1);
    expect(session.text()).toMatch(/^ {2}1\) create-all +\(recommended\)/m);
    expect(session.text()).toContain('plan: create-all');
  });

  it('a strategy that is not applicable is listed with its reason and cannot be picked', async () => {
    const session = plainSession(fixtureEngine(), { answers: ['y', 'sync-ledger', '3', 'quit'], endInput: true });
    expect(await session.exit).toBe(1);
    const t = session.text();
    expect(t).toContain('not applicable: Un-recording 16 migrations leaves 009 and 010 half-applied');
    expect(t.split('sync-ledger cannot be chosen here').length).toBe(3);
  });
});

describe('plain mode: a rehearsal that fails', () => {
  it('says what failed and that nothing was kept; applying is no longer offered', async () => {
    const engine = fixtureEngine({ rehearsalFails: { at: 2, error: 'relation "users" already exists' } });
    const session = plainSession(engine, { answers: ['y', '1', 'rehearse', 'apply', 'quit'], endInput: true });
    expect(await session.exit).toBe(1);
    const t = session.text();
    expect(t).toContain('this plan does NOT work on this database: relation "users" already exists');
    expect(t).toContain('apply cannot be chosen here: the rehearsal failed, so the repair would fail too');
    expect(engine.calls.rehearse).toHaveLength(1);
    expect(engine.calls.apply).toEqual([]);
  });
});

describe('plain mode: a refused diagnosis', () => {
  it('shows the refusal, asks nothing after Detect, plans nothing, and exits 3', async () => {
    const refusal = 'The ledger lives in schema "legacy", not "public": point --schema at it before repairing.';
    const engine = fixtureEngine({ diagnosis: { verdict: 'ledger-elsewhere', recommended: null, refusal } });
    const session = plainSession(engine, { answers: ['y'], endInput: true });
    expect(await session.exit).toBe(3);
    const t = session.text();
    expect(t.replace(/\s+/g, ' ')).toContain(`REPAIR REFUSED: ${refusal}`);
    expect(t).toContain('quit: repairs were refused here — nothing was changed');
    expect(t).not.toContain('Which repair?');
    expect(engine.calls.plan).toEqual([]);
  });
});

describe('plain mode: nothing to repair', () => {
  it('ends at "verified: in sync" after Detect and exits 0', async () => {
    const engine = fixtureEngine({ report: { ...incidentReport, inSync: true } });
    const session = plainSession(engine, { answers: ['y'], endInput: true });
    expect(await session.exit).toBe(0);
    expect(session.text()).toContain('Verify: nothing to repair');
    expect(session.text().trimEnd().endsWith('verified: in sync')).toBe(true);
  });
});

describe('plain mode: leaving without an answer', () => {
  it('Ctrl-C at a question quits: nothing was changed, exit 1, no stack; the CLI\'s own SIGINT listener is set aside meanwhile', async () => {
    // The CLI's listener exits the process at once; the walk decides instead, as the Ink wizard does.
    const cli = vi.fn();
    process.on('SIGINT', cli);
    const engine = fixtureEngine();
    const session = plainSession(engine, { answers: ['y'] });
    await session.waitFor('answer (number or name');
    process.emit('SIGINT');
    expect(await session.exit).toBe(1);
    expect(cli).not.toHaveBeenCalled();
    expect(process.listeners('SIGINT')).toContain(cli);
    process.off('SIGINT', cli);
    expect(after(session.text(), 'Which repair?')).toContain('quit with the drift left as detected — nothing was changed');
    expect(session.text()).not.toMatch(/\n\s+at /);
    expect(engine.calls.apply).toEqual([]);
  });

  it('Ctrl-C while detecting quits before detection finished, exit 1', async () => {
    const engine = fixtureEngine({ delayMs: 200 });
    const session = plainSession(engine, { answers: ['y'] });
    await session.waitFor('… reading migrations/');
    process.emit('SIGINT');
    expect(await session.exit).toBe(1);
    expect(session.text()).toContain('quit before detection finished — nothing was changed');
  });

  it('input that ends before a question is answered: exit 2, naming the question; nothing was changed', async () => {
    const engine = fixtureEngine();
    const session = plainSession(engine, { answers: ['y'], endInput: true });
    expect(await session.exit).toBe(2);
    const t = session.text();
    expect(t).toContain('input ended before an answer to "Which repair?": nothing was changed');
    expect(t).toContain('What to do: give one answer per line for every question');
    expect(engine.calls.apply).toEqual([]);
  });

  it('Ctrl-C while the repair runs is refused with a sentence, and the repair finishes', async () => {
    const engine = fixtureEngine({ delayMs: 20 });
    const session = plainSession(engine, { answers: ['y', '1', 'apply', 'agents_prod'] });
    await session.waitFor('✓  3/36');
    process.emit('SIGINT');
    expect(await session.exit).toBe(0);
    expect(session.text()).toContain('Ctrl-C is off while the repair runs');
    expect(session.text()).toContain('verified: in sync');
  });
});

describe('plain mode: engine errors', () => {
  it('an error while connecting: the message, what to do, nothing was changed; exit 2', async () => {
    const error = new DriftDoctorError('could not connect to db.internal:5432: connection refused', 'check the server is up and --url');
    const session = plainSession(fixtureEngine({ fail: { call: 'connect', error } }), { endInput: true });
    expect(await session.exit).toBe(2);
    const t = session.text();
    expect(t).toContain('Stopped while connecting');
    expect(t).toContain('could not connect to db.internal:5432: connection refused');
    expect(t).toContain('What to do: check the server is up and --url');
    expect(t).toContain('Nothing was changed.');
  });

  it('an error while applying says the database may have been touched; a refusal error exits 3', async () => {
    const error = new RefusedError('another repair holds the drift-doctor lock on this database', 'wait for it to finish');
    const session = plainSession(fixtureEngine({ fail: { call: 'apply', error } }), { answers: ['y', '1', 'apply', 'agents_prod'], endInput: true });
    expect(await session.exit).toBe(3);
    expect(session.text()).toContain('Stopped while applying');
    expect(session.text()).toContain('The repair may not have completed: run `drift-doctor check`');
  });
});

describe('plain mode: the incident report', () => {
  it('offers the report at the end; the callback gets the whole walk and its path is printed', async () => {
    const offerReport = vi.fn(async (_record: IncidentRecord) => '/tmp/incident-agents_prod.md');
    const session = plainSession(fixtureEngine(), { answers: ['y', '1', 'rehearse', 'apply', 'agents_prod', 'y'], endInput: true, offerReport });
    expect(await session.exit).toBe(0);
    expect(session.text()).toContain('? Write an incident report? (Markdown) (y/N): y');
    expect(session.text()).toContain('report: /tmp/incident-agents_prod.md');
    const record = offerReport.mock.calls[0]![0];
    expect(record.connection.database).toBe('agents_prod');
    expect(record.plan?.strategy).toBe('create-all');
    expect(record.rehearsal).toEqual(expect.objectContaining({ ok: true }));
    expect(record.result?.ok).toBe(true);
    expect(record.verify?.ok).toBe(true);
    expect(Date.parse(record.finishedAt)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
  });

  it('is not offered after a quit, as the Ink wizard offers it only on its end screens', async () => {
    const offerReport = vi.fn(async () => 'never');
    const session = plainSession(fixtureEngine(), { answers: ['y', 'quit'], endInput: true, offerReport });
    expect(await session.exit).toBe(1);
    expect(session.text()).not.toContain('Write an incident report?');
  });

  it('no answer to the offer writes nothing and keeps the exit code', async () => {
    const offerReport = vi.fn(async () => 'never');
    const session = plainSession(fixtureEngine(), { answers: ['y', '1', 'apply', 'agents_prod'], endInput: true, offerReport });
    expect(await session.exit).toBe(0);
    expect(offerReport).not.toHaveBeenCalled();
    expect(session.text()).toContain('no report was written');
  });
});

describe('plain mode: colour', () => {
  it('colours when asked, and writes not one escape when not', async () => {
    const answers = ['y', '1', 'apply', 'agents_prod'];
    const plain = plainSession(fixtureEngine(), { answers, endInput: true, color: false });
    const colored = plainSession(fixtureEngine(), { answers, endInput: true, color: true });
    expect(await plain.exit).toBe(0);
    expect(await colored.exit).toBe(0);
    expect(plain.raw()).not.toMatch(ESCAPE);
    expect(colored.raw()).toMatch(ESCAPE);
    // The same words either way.
    expect(colored.text()).toBe(plain.text());
  });
});
