import { unexplainedModelGaps } from '../drift/drift.js';
import type { DriftReport, MigrationFootprint, SchemaSnapshot, VerifyCheck, VerifyResult } from '../types.js';

export interface VerifyInputs {
  before: DriftReport;
  after: DriftReport;
  models: SchemaSnapshot;
  live: SchemaSnapshot;
  footprints: MigrationFootprint[];
  /** Inside the repair transaction: what a non-transactional phase after COMMIT will still do. */
  deferred?: { migrations: string[]; indexes: string[] };
}

function check(id: VerifyCheck['id'], label: string, problems: string[]): VerifyCheck {
  return { id, label, ok: problems.length === 0, detail: problems.length ? problems.slice(0, 5).join('; ') + (problems.length > 5 ? ` (+${problems.length - 5} more)` : '') : 'ok' };
}

/** Detect again and judge: success is only claimed after re-comparing. */
export function verifyAfter(inputs: VerifyInputs): VerifyResult {
  const { after } = inputs;
  const assumed = new Set(inputs.deferred?.migrations ?? []);
  const rebuilt = new Set(inputs.deferred?.indexes ?? []);
  const recorded = (m: { recorded: boolean; name: string }) => m.recorded || assumed.has(m.name);
  const names = after.ledger.rows.map((r) => r.name);
  const dupes = names.filter((n, i) => names.indexOf(n) !== i);
  const checks: VerifyCheck[] = [
    check('ledger-matches-files', 'ledger matches the migration files', [
      ...(after.ledger.exists ? [] : ['there is no ledger table']),
      ...after.migrations.filter((m) => !m.hasFile).map((m) => `${m.name} has no file`),
      ...dupes.map((n) => `${n} recorded twice`),
    ]),
    check('footprints-present', 'every recorded migration\'s objects exist', [
      // A deferred migration is checked after its phase, with nothing deferred.
      ...after.migrations.filter((m) => m.recorded && !assumed.has(m.name) && m.hasFile && (m.presence === 'none' || m.presence === 'partial'))
        .map((m) => `${m.name} lacks ${m.missing.slice(0, 3).map((o) => o.name).join(', ')}`),
      ...after.migrations.filter((m) => recorded(m) && m.different.length).map((m) => `${m.name}: ${m.different[0]!.object.name} ${m.different[0]!.detail}`),
    ]),
    check('pending-apply-cleanly', 'pending migrations would apply cleanly', after.migrations
      .filter((m) => !recorded(m) && m.hasFile && (m.presence === 'all' || m.presence === 'partial'))
      .map((m) => `${m.name} is pending but ${m.present.slice(0, 2).map((o) => o.name).join(', ')} already exist`)),
    check('models-match', 'the schema matches the entity models (or a pending migration explains the gap)',
      unexplainedModelGaps(after, inputs.models, inputs.live, inputs.footprints)),
    check('indexes-valid', 'no invalid index', after.invalidIndexes.filter((i) => !rebuilt.has(i)).map((i) => `${i} is invalid`)),
  ];
  return { ok: checks.every((c) => c.ok), checks, before: inputs.before.counts, after: after.counts };
}
