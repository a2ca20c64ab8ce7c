import type { LedgerRow, MigrationStatus } from '../types.js';
import { normalMigrationName } from '../ledger/ledger.js';
import { halfRuns } from './half-runs.js';
import { finding, isFrozen, ledgerBatches, ledgerRuns, nameRange, type EvidenceInputs, type Finding } from './evidence.js';

/**
 * Ledger shape: rows without files, names that only match after
 * normalising, a missing ledger (elsewhere, or none at all).
 */
export function ledgerShape({ report, facts }: EvidenceInputs): Finding[] {
  const out: Finding[] = [];
  const files = report.migrations.filter((m) => m.hasFile).map((m) => m.name);
  const normal = normalMigrationName;
  const byNormal = new Map(files.map((f) => [normal(f), f]));
  const orphans = report.migrations.filter((m) => !m.hasFile);
  const renamed = orphans.filter((m) => byNormal.has(normal(m.name)));
  const ahead = orphans.filter((m) => !byNormal.has(normal(m.name)));
  if (renamed.length) {
    out.push(finding('ledger-name-mismatch', 'ledger-name-mismatch',
      `${renamed.length} ledger rows name migrations by another spelling (e.g. "${renamed[0]!.name}" for file "${byNormal.get(normal(renamed[0]!.name))}")`,
      renamed.map((m) => m.name), 10));
  }
  if (ahead.length) {
    out.push(finding('db-ahead-of-code', 'ledger-row-without-file',
      `the ledger records ${nameRange(ahead.map((m) => m.name))}, but no such migration file exists here: the database is ahead of this checkout`,
      ahead.map((m) => m.name), 10));
  }
  const expected = report.migrations.flatMap((m) => [...m.present, ...m.missing]).filter((o) => o.kind === 'table').length;
  const here = report.migrations.flatMap((m) => m.present).filter((o) => o.kind === 'table').length;
  const [best] = facts.tablesElsewhere;
  if (best && expected > 0 && here < expected / 3 && best.tables > expected / 2) {
    const ledgerHint = report.ledger.schema !== best.schema ? ` --ledger-schema ${report.ledger.schema}` : '';
    out.push(finding('ledger-elsewhere', 'tables-elsewhere',
      `the migrations' tables live in schema ${best.schema} (${best.tables} of ${expected}), not in ${report.connection.schema} (${here}): drift-doctor is probably pointed at the wrong schema — try --schema ${best.schema}${ledgerHint}`,
      [`${best.schema}`], 10));
  }
  if (!report.ledger.exists) {
    const elsewhere = facts.ledgerLike.filter((t) => !(t.schema === report.ledger.schema && t.table === report.ledger.table) && t.rows > 0);
    const tables = report.migrations.filter((m) => m.presence === 'all' || m.presence === 'partial').length;
    if (elsewhere.length) {
      out.push(finding('ledger-elsewhere', 'ledger-elsewhere',
        `no ledger at ${report.ledger.schema}.${report.ledger.table}, but ${elsewhere.map((t) => `${t.schema}.${t.table} (${t.rows} rows)`).join(', ')} looks like one`,
        elsewhere.map((t) => `${t.schema}.${t.table}`), 10));
    } else if (tables > 0) {
      out.push(finding('schema-without-ledger', 'no-ledger',
        `there is no ledger table ${report.ledger.schema}.${report.ledger.table} (nor any table like it), yet the footprints of ${tables} migrations are present`,
        [`${report.ledger.schema}.${report.ledger.table}`], 10));
    }
  }
  return out;
}

const isLeftover = (o: { kind: string }) => o.kind === 'enum' || o.kind === 'sequence';

/** Share of migrations with objects that show a run (leftover types and sequences alone do not). */
function presentShare(ms: MigrationStatus[]): number {
  const withObjects = ms.filter((m) => m.presence !== 'empty');
  if (!withObjects.length) return 0;
  return withObjects.filter((m) => m.presence === 'all' || (m.presence === 'partial' && m.present.some((o) => !isLeftover(o)))).length / withObjects.length;
}

/**
 * Which transaction wrote the ledger rows, and did that run leave objects?
 * A migrator run writes all its rows in one master transaction and creates
 * its objects in savepoints right after it; rows stamped by hand leave none.
 */
export function ledgerTransactions(inputs: EvidenceInputs): Finding[] {
  const { report } = inputs;
  const out: Finding[] = [];
  const byName = new Map(report.migrations.map((m) => [m.name, m]));
  const batches = ledgerBatches(report.ledger.rows);
  if (!batches.length) return out;
  if (batches.every((b) => isFrozen(b.xmin))) {
    out.push(finding('unknown', 'ledger-frozen', 'the ledger rows are frozen (VACUUM FREEZE): which transaction wrote them can no longer be read', [], 0));
    return out;
  }
  const statusesOf = (rows: LedgerRow[]) => rows.map((r) => byName.get(r.name)).filter((m): m is MigrationStatus => !!m && m.hasFile);
  for (const run of ledgerRuns(batches)) {
    const ms = statusesOf(run.rows);
    if (!ms.length) continue;
    const names = ms.map((m) => m.name);
    const share = presentShare(ms);
    const label = `ledger rows ${nameRange(names)} (${run.xmins.length === 1 ? `transaction ${run.xmins[0]}` : `${run.xmins.length} transactions of one run`})`;
    if (share === 0) {
      out.push(finding('stamped-without-running', 'batch-made-nothing', `${label}: none of these migrations left an object in the schema`, names, 3));
      out.push(finding('dropped-after-apply', 'batch-made-nothing', `${label}: nothing of theirs survives`, names, -1));
    } else if (share < 0.34) {
      out.push(finding('stamped-without-running', 'batch-made-little', `${label}: only ${Math.round(share * ms.length)} of ${ms.length} migrations have any object in the schema`, names, 3));
    } else {
      // Wholly gone, or only leftovers a DROP TABLE does not remove (enum types, sequences) remain.
      const lost = ms.filter((m) => m.presence === 'none' || (m.presence === 'partial' && m.present.every(isLeftover))).map((m) => m.name);
      if (lost.length) {
        out.push(finding('dropped-after-apply', 'batch-made-objects', `${label}: ${Math.round(share * 100)}% of these migrations left objects, as a real run does, yet ${nameRange(lost)} ${lost.length === 1 ? 'is' : 'are'} gone`, [...lost, ...names], 2));
      }
      out.push(finding('stamped-without-running', 'batch-made-objects', `${label}: most of these migrations' objects exist, so they did run`, names, -3));
    }
  }
  for (const b of batches) {
    const ms = statusesOf(b.rows);
    if (!ms.length) continue;
    const names = ms.map((m) => m.name);
    const label = `ledger rows ${nameRange(names)} (transaction ${b.xmin})`;
    if (b.rows.length > 1 && b.instants.length > 1) {
      out.push(finding('recreated-without-migrations', 'one-transaction-many-instants',
        `${label}: ${b.rows.length} rows written in one transaction carry ${b.instants.length} different executed_at values — copied in bulk (a restore), not written by runs`, names, 4));
      out.push(finding('stamped-without-running', 'one-transaction-many-instants', `${label}: the rows carry several executed_at instants, as a copy of a real history does`, names, -2));
    }
    const nonTx = ms.findIndex((m, i) => i > 0 && m.nonTransactional);
    if (nonTx > 0) {
      const m = ms[nonTx]!;
      out.push(finding('stamped-without-running', 'non-transactional-in-batch',
        `${m.name} is non-transactional, so the migrator cannot run it in one transaction with ${ms[0]!.name}; yet one transaction wrote both rows`, [m.name, ms[0]!.name], 2));
      out.push(finding('recreated-without-migrations', 'non-transactional-in-batch',
        `${m.name} shares a transaction with earlier rows: the rows were not written by the migrator in this database`, [m.name], 1));
    }
  }
  const runs = ledgerRuns(batches).length;
  if (runs > 1) {
    out.push(finding('dropped-after-apply', 'several-runs', `the ledger was written by ${runs} separate runs, like real runs over time`, [], 1));
    out.push(finding('stamped-without-running', 'several-runs', `${runs} separate runs wrote the ledger`, [], -1));
  }
  return out;
}

/** `executed_at` against the database's own creation time. */
export function executedAtVsDatabase({ report, facts }: EvidenceInputs): Finding[] {
  if (!facts.databaseCreatedAt) {
    return facts.databaseCreatedAtGap ? [finding('recreated-without-migrations', 'database-age-unknown', facts.databaseCreatedAtGap, [], 0)] : [];
  }
  const created = Date.parse(facts.databaseCreatedAt);
  const older = report.ledger.rows.filter((r) => r.executedAt && Date.parse(r.executedAt) < created - 1000);
  if (!report.ledger.rows.length) return [];
  if (older.length) {
    return [finding('recreated-without-migrations', 'executed-before-database',
      `${older.length} ledger rows say they ran before this database was created (${facts.databaseCreatedAt}): they came from another database`,
      older.map((r) => r.name), 4)];
  }
  return [finding('recreated-without-migrations', 'executed-after-database', `every ledger row is newer than the database (created ${facts.databaseCreatedAt}): they were written here, not restored`, [], -3)];
}

/** Objects a DROP TABLE leaves behind: enum types no column uses, sequences no column owns or uses. */
export function leftovers({ report, footprints, live, facts }: EvidenceInputs): Finding[] {
  const out: Finding[] = [];
  const columns = Object.values(live.tables).flatMap((t) => Object.values(t.columns));
  const lost = new Set(report.migrations.filter((m) => m.recorded && (m.presence === 'none' || m.presence === 'partial')).map((m) => m.name));
  for (const fp of footprints) {
    if (!lost.has(fp.migration)) continue;
    for (const o of fp.creates) {
      if (o.kind === 'enum' && live.enums[o.name] && !columns.some((c) => c.type.replace(/\[\]$/, '').replace(/"/g, '') === o.name)) {
        out.push(finding('dropped-after-apply', 'leftover-enum',
          `enum type ${o.name}, created by ${fp.migration}, still exists though no column uses it: its tables were dropped`, [o.name, fp.migration], 3));
      }
      const seq = o.kind === 'sequence' ? live.sequences[o.name] : undefined;
      if (seq && !seq.ownedBy && !columns.some((c) => c.default?.includes(`'${o.name}'`))) {
        out.push(finding('dropped-after-apply', 'leftover-sequence',
          `sequence ${o.name}, created by ${fp.migration}, survives with no column using it${facts.unownedSequences[o.name] === true ? ' (is_called: the application drew numbers from it, so its tables held rows)' : ''}`, [o.name, fp.migration], 2));
      }
    }
  }
  if (!out.length && lost.size) {
    out.push(finding('dropped-after-apply', 'no-leftovers', 'no enum type or sequence of the missing migrations survives', [], -1));
  }
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Partly present migrations and invalid indexes: a run that failed half-way. */
export function partialRuns({ report, footprints, facts }: EvidenceInputs): Finding[] {
  const out: Finding[] = [];
  for (const h of halfRuns(report, footprints)) {
    out.push(finding('failed-midway', 'statement-partial',
      `${h.migration}: ${plural(h.done.length, 'statement')} took effect, ${h.undone.length} did not (first missing: ${h.undone[0]!.sql.slice(0, 90)})`,
      [h.migration, ...h.missing], h.nonTransactional ? 4 : 3));
    const probe = facts.replayProbes.find((p) => p.migration === h.migration);
    if (probe?.error) {
      out.push(finding('failed-midway', 'replay-fails',
        `replaying the missing part of ${h.migration} on a copy of the live schema fails at "${probe.statement.slice(0, 80)}": ${probe.error}`,
        [h.migration], 2));
    } else if (probe) {
      out.push(finding('failed-midway', 'replay-succeeds',
        `the missing part of ${h.migration} applies cleanly on a copy of the live schema: the run was interrupted, not broken`, [h.migration], 1));
    }
  }
  for (const name of report.invalidIndexes) {
    out.push(finding('failed-midway', 'invalid-index', `index ${name} is invalid (indisvalid = false): a CREATE INDEX CONCURRENTLY failed`, [name], 4));
  }
  return out;
}

/** Tables no recorded migration made, or made differently. */
export function outOfBand({ report, footprints, live }: EvidenceInputs): Finding[] {
  const out: Finding[] = [];
  const normal = normalMigrationName;
  const aliased = new Set(report.ledger.rows.map((r) => normal(r.name)));
  // Without a ledger, or under another spelling, "unrecorded" says nothing about who made the objects.
  for (const m of report.ledger.exists ? report.migrations : []) {
    if (!m.recorded && !aliased.has(normal(m.name)) && (m.presence === 'all' || m.presence === 'partial')) {
      out.push(finding('out-of-band-objects', 'pending-but-present',
        `${m.name} is not recorded, yet ${m.present.filter((o) => o.kind === 'table').map((o) => o.name).join(', ') || `${m.present.length} of its objects`} exist: made outside the migrator`,
        [m.name, ...m.present.filter((o) => o.kind === 'table').map((o) => o.name)], 3));
    }
  }
  const tablesWithDiffs = new Map<string, string[]>();
  for (const m of report.migrations) {
    const fp = footprints.find((f) => f.migration === m.name);
    if (!fp) continue;
    const createdTables = new Set(fp.creates.filter((o) => o.kind === 'table').map((o) => o.name));
    for (const o of m.missing) if (o.kind === 'column' && o.table && createdTables.has(o.table) && m.present.some((p) => p.key === `table:${o.table}`)) {
      tablesWithDiffs.set(o.table, [...(tablesWithDiffs.get(o.table) ?? []), `lacks ${o.name}`]);
    }
  }
  for (const o of report.extra) if (o.kind === 'column' && o.table) {
    tablesWithDiffs.set(o.table, [...(tablesWithDiffs.get(o.table) ?? []), `has extra ${o.name}`]);
  }
  for (const [table, diffs] of tablesWithDiffs) {
    out.push(finding('out-of-band-objects', 'definition-differs',
      `table ${table} differs from the migration that should have made it (${diffs.join(', ')}): created by hand`, [table], 3));
  }
  const orphanRows = new Map(report.ledger.rows.filter((r) => !report.migrations.some((m) => m.hasFile && m.name === r.name)).map((r) => [r.xmin, r.name]));
  for (const o of report.extra) if (o.kind === 'table') {
    const row = orphanRows.get(live.tables[o.name]?.xmin ?? '');
    if (row) {
      out.push(finding('db-ahead-of-code', 'table-with-orphan-row', `table ${o.name} was created in the same transaction that recorded ${row}, a migration this checkout lacks`, [o.name, row], 3));
    } else {
      out.push(finding('out-of-band-objects', 'table-without-migration', `table ${o.name} exists, but no migration file creates it`, [o.name], 2));
    }
  }
  return out;
}

/** `executed_at` against file order and time: hand-edited ledgers and real histories look different. */
export function executedAtPatterns({ report }: EvidenceInputs): Finding[] {
  const out: Finding[] = [];
  const fileOrder = new Map(report.migrations.filter((m) => m.hasFile).map((m, i) => [m.name, i]));
  const rows = report.ledger.rows.filter((r) => r.executedAt && fileOrder.has(r.name)).sort((a, b) => fileOrder.get(a.name)! - fileOrder.get(b.name)!);
  const backwards: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    if (Date.parse(rows[i]!.executedAt!) < Date.parse(rows[i - 1]!.executedAt!) - 1000) backwards.push(`${rows[i]!.name} before ${rows[i - 1]!.name}`);
  }
  if (backwards.length) {
    out.push(finding('stamped-without-running', 'executed-at-out-of-order',
      `executed_at runs backwards against file order (${backwards.slice(0, 2).join('; ')}): the migrator applies files in order, a hand-edited ledger need not`,
      backwards.map((b) => b.split(' ')[0]!), 1));
  }
  const future = report.ledger.rows.filter((r) => r.executedAt && Date.parse(r.executedAt) > Date.now() + 60_000);
  if (future.length) {
    out.push(finding('stamped-without-running', 'executed-at-future', `${future.length} ledger rows claim to have run in the future (${future[0]!.executedAt}): written by hand`, future.map((r) => r.name), 2));
  }
  const times = rows.map((r) => Date.parse(r.executedAt!));
  const spanDays = times.length ? (Math.max(...times) - Math.min(...times)) / 86_400_000 : 0;
  if (spanDays >= 1 && ledgerBatches(report.ledger.rows).length > 1) {
    out.push(finding('dropped-after-apply', 'executed-at-spread', `the ledger's rows span ${Math.round(spanDays)} days in several transactions: a real history of runs`, [], 1));
  }
  const names = report.ledger.rows.map((r) => r.name);
  const dupes = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (dupes.length) {
    out.push(finding('stamped-without-running', 'duplicate-rows', `${dupes.join(', ')} ${dupes.length === 1 ? 'is' : 'are'} recorded more than once: the migrator never writes a row twice`, dupes, 1));
  }
  return out;
}
