import { describeObject, differences, objectsOf } from '../snapshot/objects.js';
import type {
  ConnectionInfo,
  DriftCounts,
  DriftReport,
  FootprintPresence,
  LedgerState,
  MigrationFootprint,
  MigrationStatus,
  ModelDiff,
  ObjectRef,
  SchemaSnapshot,
} from '../types.js';

export interface DriftInputs {
  connection: ConnectionInfo;
  ledger: LedgerState;
  /** Migration file names, in run order. */
  files: string[];
  footprints: MigrationFootprint[];
  /** Schema all migration files produce. */
  expected: SchemaSnapshot;
  /** Schema the entity models describe. */
  models: SchemaSnapshot;
  live: SchemaSnapshot;
  /** MikroORM's safe update SQL from the models against the live database. */
  modelStatements: string[];
}

/**
 * The objects that show a migration ran: what it creates that still exists
 * at the end of the history, and what it alters (checked by definition).
 */
export function footprintObjects(fp: MigrationFootprint, expected: SchemaSnapshot): { creates: ObjectRef[]; alters: ObjectRef[] } {
  const finalObjects = objectsOf(expected);
  const creates = fp.creates.filter((o) => finalObjects.has(o.key));
  const createdKeys = new Set(creates.map((o) => o.key));
  const alters = fp.alters.filter((o) => finalObjects.has(o.key) && !createdKeys.has(o.key));
  return { creates, alters };
}

function presenceOf(present: number, total: number): FootprintPresence {
  if (total === 0) return 'empty';
  if (present === total) return 'all';
  return present === 0 ? 'none' : 'partial';
}

/** Keys of objects a later migration alters: their final definition is that migration's business. */
function alteredAfter(footprints: MigrationFootprint[], index: number): Set<string> {
  return new Set(footprints.slice(index + 1).flatMap((f) => f.alters.map((o) => o.key)));
}

function migrationStatus(fp: MigrationFootprint, inputs: DriftInputs, recordedAt: Map<string, string | null>): MigrationStatus {
  const liveObjects = objectsOf(inputs.live);
  const expectedObjects = objectsOf(inputs.expected);
  const { creates, alters } = footprintObjects(fp, inputs.expected);
  const present: ObjectRef[] = [];
  const missing: ObjectRef[] = [];
  for (const o of creates) (liveObjects.has(o.key) ? present : missing).push(o);
  for (const o of alters) {
    const same = liveObjects.get(o.key)?.signature === expectedObjects.get(o.key)?.signature;
    if (same) present.push(o);
    else missing.push({ ...o, altered: true });
  }
  const later = alteredAfter(inputs.footprints, inputs.footprints.indexOf(fp));
  const keys = new Set(creates.map((o) => o.key).filter((k) => !later.has(k)));
  return {
    name: fp.migration,
    hasFile: true,
    recorded: recordedAt.has(fp.migration),
    executedAt: recordedAt.get(fp.migration) ?? null,
    presence: presenceOf(present.length, creates.length + alters.length),
    present,
    missing,
    different: differences(inputs.expected, inputs.live, keys),
    nonTransactional: fp.nonTransactional,
  };
}

function modelDiffOf(inputs: DriftInputs): ModelDiff {
  const model = inputs.models.tables;
  const live = inputs.live.tables;
  const changed: string[] = [];
  for (const t of Object.keys(model)) {
    const lt = live[t];
    if (!lt) continue;
    const mt = model[t]!;
    const missingCols = Object.keys(mt.columns).filter((c) => !lt.columns[c]);
    const extraCols = Object.keys(lt.columns).filter((c) => !mt.columns[c]);
    const parts = [
      ...(missingCols.length ? [`missing column ${missingCols.join(', ')}`] : []),
      ...(extraCols.length ? [`extra column ${extraCols.join(', ')}`] : []),
    ];
    if (parts.length) changed.push(`${t}: ${parts.join('; ')}`);
  }
  return {
    missingTables: Object.keys(model).filter((t) => !live[t]).sort(),
    extraTables: Object.keys(live).filter((t) => !model[t]).sort(),
    changedTables: changed.sort(),
    statements: inputs.modelStatements,
  };
}

function countsOf(all: MigrationStatus[], ledgerWithoutFile: number): DriftCounts {
  // Migrations are the files; ledger rows without a file are counted on their own.
  const migrations = all.filter((m) => m.hasFile);
  const recorded = migrations.filter((m) => m.recorded);
  const pending = migrations.filter((m) => !m.recorded);
  return {
    migrations: migrations.length,
    recorded: recorded.length,
    recordedButMissing: recorded.filter((m) => m.presence === 'none').length,
    recordedPartial: recorded.filter((m) => m.presence === 'partial').length,
    pendingButPresent: pending.filter((m) => m.presence === 'all' || m.presence === 'partial').length,
    pending: pending.length,
    ledgerWithoutFile,
  };
}

/** Objects the models expect but the live schema lacks, not explained by a pending migration. */
export function unexplainedModelGaps(report: Pick<DriftReport, 'migrations'>, models: SchemaSnapshot, live: SchemaSnapshot, footprints: MigrationFootprint[]): string[] {
  const liveObjects = objectsOf(live);
  const pendingKeys = new Set<string>();
  const pendingNames = new Set(report.migrations.filter((m) => !m.recorded).map((m) => m.name));
  for (const fp of footprints) if (pendingNames.has(fp.migration)) for (const o of [...fp.creates, ...fp.alters]) pendingKeys.add(o.key);
  const gaps: string[] = [];
  for (const [key, entry] of objectsOf(models)) {
    if (!liveObjects.has(key) && !pendingKeys.has(key)) gaps.push(describeObject(entry.ref));
  }
  return gaps;
}

/** Ledger × files × expected × live × models → one report. Pure. */
export function computeDrift(inputs: DriftInputs): DriftReport {
  const recordedAt = new Map(inputs.ledger.rows.map((r) => [r.name, r.executedAt] as const));
  const fileSet = new Set(inputs.files);
  const migrations = inputs.footprints.map((fp) => migrationStatus(fp, inputs, recordedAt));
  const ledgerWithoutFile = inputs.ledger.rows.filter((r) => !fileSet.has(r.name));
  for (const row of ledgerWithoutFile) {
    migrations.push({
      name: row.name, hasFile: false, recorded: true, executedAt: row.executedAt, presence: 'empty',
      present: [], missing: [], different: [], nonTransactional: false,
    });
  }
  const expectedObjects = objectsOf(inputs.expected);
  const liveObjects = objectsOf(inputs.live);
  const missing = [...expectedObjects.values()].filter((e) => !liveObjects.has(e.ref.key)).map((e) => e.ref);
  const extra = [...liveObjects.values()]
    .filter((e) => (e.ref.kind === 'table' || e.ref.kind === 'column') && !expectedObjects.has(e.ref.key))
    .filter((e) => e.ref.kind === 'table' || inputs.expected.tables[e.ref.table ?? ''])
    .map((e) => e.ref);
  // A difference a pending migration will make (017 adds an enum value) is not drift.
  const pendingAlters = new Set(inputs.footprints.filter((f) => !recordedAt.has(f.migration)).flatMap((f) => f.alters.map((o) => o.key)));
  const different = differences(inputs.expected, inputs.live).filter((d) => !pendingAlters.has(d.object.key));
  const invalidIndexes = Object.values(inputs.live.tables).flatMap((t) => Object.values(t.indexes).filter((i) => !i.valid).map((i) => i.name));
  const counts = countsOf(migrations, ledgerWithoutFile.length);
  const partial = { migrations };
  const gaps = unexplainedModelGaps(partial, inputs.models, inputs.live, inputs.footprints);
  const hasSchemaObjects = Object.keys(inputs.live.tables).length > 0;
  const duplicateRows = inputs.ledger.rows.length - new Set(inputs.ledger.rows.map((r) => r.name)).size;
  const inSync =
    (inputs.ledger.exists || !hasSchemaObjects) &&
    counts.recordedButMissing === 0 && counts.recordedPartial === 0 && counts.pendingButPresent === 0 &&
    counts.ledgerWithoutFile === 0 && duplicateRows === 0 && different.length === 0 && invalidIndexes.length === 0 && gaps.length === 0;
  return {
    connection: inputs.connection, ledger: inputs.ledger, migrations, missing, extra, different, invalidIndexes,
    modelDiff: modelDiffOf(inputs), counts, inSync,
  };
}
