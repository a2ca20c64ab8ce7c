import { describe, expect, it } from 'vitest';
import { executedAtPatterns, executedAtVsDatabase, ledgerShape, ledgerTransactions, leftovers, outOfBand } from '../../src/core/diagnosis/collectors.js';
import type { EvidenceInputs } from '../../src/core/diagnosis/evidence.js';
import { objectRef } from '../../src/core/snapshot/objects.js';
import type { DriftReport, LedgerRow, MigrationStatus, SchemaSnapshot } from '../../src/core/types.js';

// Small hand-made inputs for each collector; the scenario tests exercise them on real databases.
const emptySnap = (): SchemaSnapshot => ({ schema: 'public', tables: {}, enums: {}, sequences: {} });

function status(name: string, over: Partial<MigrationStatus> = {}): MigrationStatus {
  return { name, hasFile: true, recorded: true, executedAt: null, presence: 'none', present: [], missing: [objectRef('table', `${name}_t`)], different: [], nonTransactional: false, ...over };
}

function inputs(migrations: MigrationStatus[], rows: LedgerRow[], over: Partial<EvidenceInputs> = {}): EvidenceInputs {
  const report = {
    connection: { server: 'h:5432', database: 'd', role: 'r', schema: 'public', ledgerTable: 'mikro_orm_migrations', serverVersion: 'PostgreSQL 15', maskedUrl: '' },
    ledger: { schema: 'public', table: 'mikro_orm_migrations', exists: true, rows },
    migrations, missing: [], extra: [], different: [], invalidIndexes: [],
    modelDiff: { missingTables: [], extraTables: [], changedTables: [], statements: [] },
    counts: { migrations: 0, recorded: 0, recordedButMissing: 0, recordedPartial: 0, pendingButPresent: 0, pending: 0, ledgerWithoutFile: 0 },
    inSync: false,
  } satisfies DriftReport;
  return {
    report, footprints: [], live: emptySnap(),
    facts: { databaseCreatedAt: null, databaseCreatedAtGap: null, unownedSequences: {}, ledgerLike: [], replayProbes: [], tablesElsewhere: [] },
    ...over,
  };
}

const row = (id: number, name: string, xmin: string, executedAt = '2026-01-01T00:00:00.000Z'): LedgerRow => ({ id, name, xmin, executedAt });

describe('ledgerTransactions', () => {
  it('one transaction wrote rows whose migrations left nothing: for stamped, against dropped', () => {
    const f = ledgerTransactions(inputs([status('001_a'), status('002_b')], [row(1, '001_a', '900'), row(2, '002_b', '900')]));
    expect(f.find((x) => x.kind === 'batch-made-nothing' && x.cause === 'stamped-without-running')?.weight).toBeGreaterThan(0);
    expect(f.find((x) => x.kind === 'batch-made-nothing' && x.cause === 'dropped-after-apply')?.weight).toBeLessThan(0);
  });
  it('one transaction, several executed_at instants: a bulk copy', () => {
    const f = ledgerTransactions(inputs([status('001_a'), status('002_b')], [row(1, '001_a', '900', '2026-01-01T00:00:00Z'), row(2, '002_b', '900', '2026-01-02T00:00:00Z')]));
    expect(f.some((x) => x.kind === 'one-transaction-many-instants' && x.cause === 'recreated-without-migrations')).toBe(true);
  });
  it('frozen rows: the evidence is gone, said plainly', () => {
    const f = ledgerTransactions(inputs([status('001_a')], [row(1, '001_a', '2')]));
    expect(f).toEqual([expect.objectContaining({ kind: 'ledger-frozen', weight: 0 })]);
  });
});

describe('ledgerShape', () => {
  it('tells a renamed row from a row with no file', () => {
    const ms = [status('001_a', { recorded: false }), status('001_a.js', { hasFile: false }), status('021_new', { hasFile: false })];
    const f = ledgerShape(inputs(ms, []));
    expect(f.find((x) => x.cause === 'ledger-name-mismatch')?.objects).toEqual(['001_a.js']);
    expect(f.find((x) => x.cause === 'db-ahead-of-code')?.objects).toEqual(['021_new']);
  });
  it('no ledger: elsewhere when a ledger-like table has rows, else schema-without-ledger', () => {
    const ms = [status('001_a', { recorded: false, presence: 'all' })];
    const noLedger = (ledgerLike: EvidenceInputs['facts']['ledgerLike']) => {
      const i = inputs(ms, []);
      i.report.ledger.exists = false;
      i.facts.ledgerLike = ledgerLike;
      return ledgerShape(i).map((x) => x.cause);
    };
    expect(noLedger([{ schema: 'ops', table: 'mikro_orm_migrations', rows: 3 }])).toEqual(['ledger-elsewhere']);
    expect(noLedger([])).toEqual(['schema-without-ledger']);
  });
});

describe('executedAtVsDatabase', () => {
  it('rows older than the database point at a restore; newer rows weaken it; no privilege is a stated gap', () => {
    const rows = [row(1, '001_a', '900', '2026-01-01T00:00:00Z')];
    const i = inputs([status('001_a')], rows);
    i.facts.databaseCreatedAt = '2026-02-01T00:00:00Z';
    expect(executedAtVsDatabase(i)[0]).toMatchObject({ kind: 'executed-before-database', weight: 4 });
    i.facts.databaseCreatedAt = '2025-12-01T00:00:00Z';
    expect(executedAtVsDatabase(i)[0]!.weight).toBeLessThan(0);
    i.facts.databaseCreatedAt = null;
    i.facts.databaseCreatedAtGap = 'the role may not call pg_stat_file';
    expect(executedAtVsDatabase(i)[0]).toMatchObject({ kind: 'database-age-unknown', weight: 0 });
  });
});

describe('leftovers', () => {
  it('an enum type of a lost migration that no column uses is named', () => {
    const live = emptySnap();
    live.enums.approval_status = { name: 'approval_status', values: ['pending'] };
    const i = inputs([status('003_e', { presence: 'partial' })], [], { live, footprints: [{ migration: '003_e', creates: [objectRef('enum', 'approval_status')], alters: [], statements: [], nonTransactional: false }] });
    expect(leftovers(i)[0]).toMatchObject({ kind: 'leftover-enum', objects: ['approval_status', '003_e'] });
  });
});

describe('outOfBand', () => {
  it('an unrecorded migration whose table exists is out of band; not when the ledger spells it otherwise', () => {
    const m = status('009_agents', { recorded: false, presence: 'all', present: [objectRef('table', 'agents')], missing: [] });
    expect(outOfBand(inputs([m], [])).map((x) => x.kind)).toContain('pending-but-present');
    expect(outOfBand(inputs([m], [row(1, '009_agents.js', '5')])).map((x) => x.kind)).not.toContain('pending-but-present');
  });
});

describe('executedAtPatterns', () => {
  it('flags rows that run backwards against file order and duplicates', () => {
    const rows = [row(1, '001_a', '9', '2026-01-02T00:00:00Z'), row(2, '002_b', '9', '2026-01-01T00:00:00Z'), row(3, '002_b', '10', '2026-01-03T00:00:00Z')];
    const kinds = executedAtPatterns(inputs([status('001_a'), status('002_b')], rows)).map((x) => x.kind);
    expect(kinds).toContain('executed-at-out-of-order');
    expect(kinds).toContain('duplicate-rows');
  });
});
