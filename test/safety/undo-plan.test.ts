/**
 * The pure half of undo and of the journal's outcome, on hand-made journals:
 * every refusal, the objects listed, and malformed files.
 */
import { describe, expect, it } from 'vitest';
import { JOURNAL_FORMAT, outcomeOf, type ExactLedger, type Journal, type RecordedStatement } from '../../src/core/repair/journal.js';
import { planUndo } from '../../src/core/repair/undo.js';
import type { ConnectionInfo, PlanStep } from '../../src/core/types.js';

const info: ConnectionInfo = {
  server: '127.0.0.1:5432', database: 'shop', role: 'postgres', schema: 'public', ledgerTable: 'mikro_orm_migrations', serverVersion: 'PostgreSQL 15.20', maskedUrl: 'postgresql://postgres:***@127.0.0.1/shop',
};
const rows = (...ids: number[]) => ids.map((id) => ({ id, name: `00${id}_m`, executedAt: `2024-05-0${id} 10:00:00.123456+00` }));
const ledger = (ids: number[], last = ids.at(-1) ?? 1): ExactLedger => ({ exists: true, rows: rows(...ids), sequence: { name: 'public.mikro_orm_migrations_id_seq', lastValue: String(last), isCalled: true } });
const ddl = (sql: string, extra: Partial<PlanStep> = {}): PlanStep => ({ kind: 'ddl', sql, reason: '', locks: '', outsideTransaction: false, ...extra } as PlanStep);

function journal(over: Partial<Journal> = {}, outcome: Partial<Journal['outcome']> = {}): Journal {
  const steps = [
    ddl('create table "orders" ("id" serial primary key);'),
    ddl('alter table "orders" add constraint "orders_x_unique" unique ("id");'),
    ddl('alter table "customers" add column "a" int null, add column "b" text null;'),
    ddl('alter table "customers" add constraint "customers_fk" foreign key ("a") references "orders" ("id");'),
    ddl('create index concurrently if not exists "customers_b_index" on "customers" ("b");', { outsideTransaction: true }),
    { kind: 'ledger-record', migration: '003_m', sql: 'insert …', reason: '', locks: '', outsideTransaction: false } as PlanStep,
  ];
  return {
    format: JOURNAL_FORMAT, id: 'j1', tool: { name: 'drift-doctor', version: '0.1.0' }, startedAt: '2024-06-01T00:00:00.000Z', finishedAt: '2024-06-01T00:00:01.000Z',
    who: { osUser: 'ops', host: 'box', pid: 1 },
    where: { server: info.server, database: 'shop', role: 'postgres', schema: 'public', serverVersion: info.serverVersion, maskedUrl: info.maskedUrl, databaseOid: '16384', systemIdentifier: '7000', ledgerSchema: 'public', ledgerTable: 'mikro_orm_migrations' },
    session: { timeZone: 'UTC', dateStyle: 'ISO, MDY' },
    plan: { strategy: 'create-all', applicable: true, refusal: null, consequence: '', steps, needsHuman: [], conflicts: [] },
    sql: [], sqlNote: '', drift: { before: {} as never, after: null }, verify: null,
    ledger: { before: ledger([2, 1]), after: ledger([1, 2, 3]) },
    outcome: { status: 'committed', error: null, failedStep: null, stepsRun: steps.length, durationMs: 10, ...outcome },
    ...over,
  };
}

const here = { databaseOid: '16384', systemIdentifier: '7000' };

describe('planUndo', () => {
  it('restores the rows before the repair in id order, then the sequence, after locking the ledger', () => {
    const plan = planUndo(journal(), { info, identity: here, current: ledger([1, 2, 3]), force: false });
    expect(plan.refusal).toBeNull();
    expect(plan.steps.map((s) => s.sql)).toEqual([
      'lock table "public"."mikro_orm_migrations" in exclusive mode;',
      'delete from "public"."mikro_orm_migrations";',
      `insert into "public"."mikro_orm_migrations" ("id", "name", "executed_at") values (1, '001_m', '2024-05-01 10:00:00.123456+00');`,
      `insert into "public"."mikro_orm_migrations" ("id", "name", "executed_at") values (2, '002_m', '2024-05-02 10:00:00.123456+00');`,
      `select setval('public.mikro_orm_migrations_id_seq', 1, true);`,
    ]);
  });

  it('lists what the repair created, the phases after COMMIT included, grouping what belongs to new tables', () => {
    const { leftInPlace } = planUndo(journal(), { info, identity: here, current: ledger([1, 2, 3]), force: false });
    expect(leftInPlace.map((o) => `${o.kind} ${o.table ? `${o.table}.` : ''}${o.name}${o.onNewTable ? ' (new table)' : ''}`)).toEqual([
      'table orders', 'constraint orders.orders_x_unique (new table)', 'column customers.a', 'column customers.b', 'constraint customers.customers_fk', 'index customers.customers_b_index',
    ]);
    const stoppedEarly = planUndo(journal({}, { stepsRun: 2, error: 'phase failed' }), { info, identity: here, current: ledger([1, 2, 3]), force: false });
    expect(stoppedEarly.leftInPlace.map((o) => o.name)).toEqual(['orders', 'orders_x_unique']);
  });

  it.each([
    ['another database', { ...info, database: 'other' }, here, /This journal is for database "shop".*connected to "other"/],
    ['a recreated database', info, { ...here, databaseOid: '99999' }, /not the one the repair ran on \(its OID is 99999, the journal's 16384\)/],
    ['another cluster', info, { ...here, systemIdentifier: '8000' }, /another PostgreSQL cluster/],
  ])('refuses %s, even with --force', (_, where, identity, sentence) => {
    const plan = planUndo(journal(), { info: where, identity, current: ledger([1, 2, 3]), force: true });
    expect(plan.refusal).toMatch(sentence);
    expect(plan.steps).toEqual([]);
  });

  it('refuses a missing ledger, a rolled-back repair; asks for --force on an unfinished or unknown outcome and a changed ledger', () => {
    const at = (j: Journal, current: ExactLedger, force = false) => planUndo(j, { info, identity: here, current, force });
    expect(at(journal(), { exists: false, rows: [], sequence: null }, true).refusal).toMatch(/There is no ledger public\.mikro_orm_migrations/);
    expect(at(journal({}, { status: 'rolled-back' }), ledger([1, 2, 3]), true).refusal).toMatch(/Nothing to undo: that repair .* was rolled back/);
    for (const status of ['in-progress', 'unknown'] as const) {
      expect(at(journal({}, { status }), ledger([1, 2, 3])).refusal).toMatch(/pass --force/);
      expect(at(journal({}, { status }), ledger([1, 2, 3]), true).refusal).toBeNull();
    }
    const changed = at(journal(), ledger([1, 2, 3, 4]));
    expect(changed.refusal).toMatch(/The ledger changed after this repair \(1 row added since: #4 004_m/);
    expect(at(journal(), ledger([1, 2, 3, 4]), true).refusal).toBeNull();
  });

  it('has nothing to do when the ledger already holds the rows from before', () => {
    const plan = planUndo(journal(), { info, identity: here, current: ledger([1, 2]), force: false });
    expect(plan).toMatchObject({ refusal: null, alreadyRestored: true, steps: [] });
  });

  it('refuses to turn an edited journal into SQL', () => {
    const bad = journal({ ledger: { before: { exists: true, rows: [{ id: '1; drop table x' as never, name: 'a', executedAt: null }], sequence: null }, after: ledger([1, 2, 3]) } });
    expect(() => planUndo(bad, { info, identity: here, current: ledger([1, 2, 3]), force: false })).toThrow(/malformed/);
    const badSeq = journal({ ledger: { before: { ...ledger([1]), sequence: { name: 's', lastValue: '1); drop table x; --', isCalled: true } }, after: ledger([1, 2, 3]) } });
    expect(() => planUndo(badSeq, { info, identity: here, current: ledger([1, 2, 3]), force: false })).toThrow(/malformed/);
  });
});

describe('journal outcome', () => {
  const sent = (...s: [string, boolean][]): RecordedStatement[] => s.map(([sql, ok]) => ({ sql, ok, durationMs: 0 }));
  it('is committed only when the server acknowledged COMMIT', () => {
    expect(outcomeOf(sent(['begin', true], ['commit', true], ['reindex index concurrently "i";', false]), true)).toBe('committed');
    expect(outcomeOf(sent(['begin', true], ['create table "t" ()', false], ['rollback', true]), true)).toBe('rolled-back');
    expect(outcomeOf(sent(['begin', true], ['create table "t" ()', false]), false)).toBe('rolled-back');
    expect(outcomeOf(sent(['begin', true], ['commit', false]), false)).toBe('unknown');
    expect(outcomeOf(sent(['begin', true], ['commit', false]), true)).toBe('rolled-back');
  });
});
