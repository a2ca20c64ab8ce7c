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
  return { cause, kind, detail, objects, weight };
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
