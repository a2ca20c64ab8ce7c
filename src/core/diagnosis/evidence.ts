import type { CauseId, DriftReport, Evidence, LedgerRow, MigrationFootprint, SchemaSnapshot } from '../types.js';
import type { LiveFacts } from './facts.js';

/** Everything the collectors may look at; all of it read in one read-only transaction. */
export interface EvidenceInputs {
  report: DriftReport;
  footprints: MigrationFootprint[];
  live: SchemaSnapshot;
  facts: LiveFacts;
}

/** An evidence item for one cause. */
export interface Finding extends Evidence {
  cause: CauseId;
}

export function finding(cause: CauseId, kind: string, detail: string, objects: string[], weight: number): Finding {
  // Each object named once, in the order first named.
  return { cause, kind, detail, objects: [...new Set(objects)], weight };
}

/** Ledger rows written by one transaction (one `xmin`). */
export interface LedgerBatch {
  xmin: string;
  rows: LedgerRow[];
  instants: string[];
}

export function ledgerBatches(rows: LedgerRow[]): LedgerBatch[] {
  const byXmin = new Map<string, LedgerRow[]>();
  for (const r of rows) byXmin.set(r.xmin, [...(byXmin.get(r.xmin) ?? []), r]);
  return [...byXmin.entries()]
    .map(([xmin, batch]) => ({
      xmin,
      rows: batch,
      instants: [...new Set(batch.map((r) => r.executedAt ?? 'null'))],
    }))
    .sort((a, b) => Number(a.xmin) - Number(b.xmin));
}

/** Shortens `001_a, 002_b, …, 019_z` for sentences. */
export function nameRange(names: string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names[0]} … ${names[names.length - 1]} (${names.length})`;
}

/** xmin 1/2 are frozen/bootstrap ids: the transaction evidence is gone. */
export function isFrozen(xmin: string): boolean {
  return Number(xmin) <= 2;
}

/** Rows written by one migrator run: one transaction, or (allOrNothing off) one per migration seconds apart. */
export interface LedgerRun {
  xmins: string[];
  rows: LedgerRow[];
}

/**
 * Merges consecutive single-row transactions written within 2 s of each
 * other: a migrator run with `allOrNothing: false` commits each migration
 * (and its row) on its own.
 */
export function ledgerRuns(batches: LedgerBatch[]): LedgerRun[] {
  const runs: LedgerRun[] = [];
  const time = (r: LedgerRow | undefined) => (r?.executedAt ? Date.parse(r.executedAt) : NaN);
  for (const b of [...batches].sort((x, y) => (x.rows[0]?.id ?? 0) - (y.rows[0]?.id ?? 0))) {
    const last = runs.at(-1);
    const prev = last?.rows.at(-1);
    const mergeable = last && b.rows.length === 1 && last.rows.length === last.xmins.length && Math.abs(time(b.rows[0]) - time(prev)) <= 2000;
    if (mergeable) {
      last.xmins.push(b.xmin);
      last.rows.push(...b.rows);
    } else {
      runs.push({ xmins: [b.xmin], rows: [...b.rows] });
    }
  }
  return runs;
}
