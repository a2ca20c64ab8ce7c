import type { DriftReport, MigrationFootprint, StatementFootprint } from '../types.js';

/** A recorded migration some of whose statements took effect and some did not. */
export interface HalfRun {
  migration: string;
  nonTransactional: boolean;
  done: StatementFootprint[];
  undone: StatementFootprint[];
  /** Names of the missing objects. */
  missing: string[];
}

// Enum types and sequences survive a DROP TABLE: their presence alone is the shape of a drop, not of a failed run.
const survivesDrop = (o: { kind: string }) => o.kind === 'enum' || o.kind === 'sequence';

/** Recorded migrations that stopped between statements (not tables made differently by hand). */
export function halfRuns(report: DriftReport, footprints: MigrationFootprint[]): HalfRun[] {
  const out: HalfRun[] = [];
  for (const m of report.migrations) {
    if (!m.recorded || m.presence !== 'partial') continue;
    // A table that exists but lacks its own columns was made differently (by hand), not half-run.
    const presentTables = new Set(m.present.filter((o) => o.kind === 'table').map((o) => o.name));
    if (m.missing.some((o) => o.kind === 'column' && o.table && presentTables.has(o.table))) continue;
    const missingKeys = new Set(m.missing.map((o) => o.key));
    const statements = footprints.find((f) => f.migration === m.name)?.statements ?? [];
    const done = statements.filter((s) => s.creates.some((o) => !survivesDrop(o)) && s.creates.every((o) => !missingKeys.has(o.key)));
    const undone = statements.filter((s) => s.creates.length && s.creates.every((o) => missingKeys.has(o.key)));
    if (done.length && undone.length) {
      out.push({ migration: m.name, nonTransactional: m.nonTransactional, done, undone, missing: m.missing.map((o) => o.name) });
    }
  }
  return out;
}
