/**
 * The engine's values. Every type here is plain, serialisable data: the Ink
 * wizard, the plain prompts, `--json` and the report all render these.
 */

/** Where we are connected; never carries a password. */
export interface ConnectionInfo {
  /** `host:port` (or the socket directory). */
  server: string;
  database: string;
  role: string;
  /** Schema holding the application tables (default `public`). */
  schema: string;
  /** Ledger table name (default `mikro_orm_migrations`). */
  ledgerTable: string;
  /** e.g. `PostgreSQL 15.20`. */
  serverVersion: string;
  /** The connection URL with any password replaced by `***`. */
  maskedUrl: string;
}

// ─── Schema snapshots (live database and expected state share one type) ─────

export interface ColumnSnapshot {
  name: string;
  /** `format_type()` spelling, e.g. `character varying(255)`, `integer`, `task_status`. */
  type: string;
  nullable: boolean;
  default: string | null;
  /** Sequence owned by this column (serial), if any. */
  ownedSequence?: string;
}

export interface IndexSnapshot {
  name: string;
  table: string;
  /** `pg_get_indexdef()` normalised (schema prefix removed). */
  definition: string;
  unique: boolean;
  primary: boolean;
  /** `pg_index.indisvalid`; false after a failed CREATE INDEX CONCURRENTLY. */
  valid: boolean;
  /** Backs a constraint (primary key / unique constraint) rather than a bare index. */
  constraint: boolean;
}

export interface ForeignKeySnapshot {
  name: string;
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  /** `pg_get_constraintdef()`. */
  definition: string;
}

export interface TableSnapshot {
  name: string;
  columns: Record<string, ColumnSnapshot>;
  indexes: Record<string, IndexSnapshot>;
  foreignKeys: Record<string, ForeignKeySnapshot>;
  /** Transaction id that wrote the table's pg_class row (live databases only). */
  xmin?: string;
  /** Estimated or counted rows (live databases only). */
  rowCount?: number;
}

export interface EnumSnapshot {
  name: string;
  values: string[];
  xmin?: string;
}

export interface SequenceSnapshot {
  name: string;
  /** `table.column` when a column owns it (serial / identity). */
  ownedBy: string | null;
  isCalled?: boolean;
  xmin?: string;
}

export interface SchemaSnapshot {
  schema: string;
  tables: Record<string, TableSnapshot>;
  enums: Record<string, EnumSnapshot>;
  sequences: Record<string, SequenceSnapshot>;
}

// ─── Objects and footprints ────────────────────────────────────────────────

export type ObjectKind = 'table' | 'column' | 'index' | 'foreign-key' | 'enum' | 'sequence';

/** One schema object, addressed the same way in expected and live snapshots. */
export interface ObjectRef {
  kind: ObjectKind;
  /** Owning table for column / index / foreign-key. */
  table?: string;
  name: string;
  /** Stable key, e.g. `column:agents.name`, `index:tasks_status_index`. */
  key: string;
  /**
   * Set on a migration's missing objects when the migration only changes an
   * object an earlier one made (017 adds a value to enum task_status): what
   * is missing is the change, not the object.
   */
  altered?: true;
}

export interface ObjectDifference {
  object: ObjectRef;
  /** Human sentence: `type is text, expected character varying(255)`. */
  detail: string;
  expected: string;
  actual: string;
}

/** One `addSql()` entry of a migration and its effect on an empty scratch schema. */
export interface StatementFootprint {
  sql: string;
  creates: ObjectRef[];
  alters: ObjectRef[];
  /** Postgres's error when the statement failed on replay (the migration is then broken as written). */
  error?: string;
}

/** What one migration creates or alters, learned by replaying it. */
export interface MigrationFootprint {
  migration: string;
  /** Objects the migration creates. */
  creates: ObjectRef[];
  /** Objects that exist before it and that it changes (column type, nullability, enum values). */
  alters: ObjectRef[];
  /** The statements it runs, in order, each with what it creates and alters. */
  statements: StatementFootprint[];
  /** The migration runs outside a transaction (`isTransactional() === false`). */
  nonTransactional: boolean;
}

// ─── Ledger ─────────────────────────────────────────────────────────────────

export interface LedgerRow {
  id: number;
  name: string;
  executedAt: string | null;
  /** Transaction id that wrote the row (`xmin`), as text. */
  xmin: string;
}

export interface LedgerState {
  schema: string;
  table: string;
  exists: boolean;
  rows: LedgerRow[];
  /** Xmin of the ledger table's own pg_class row. */
  tableXmin?: string;
}

// ─── Drift ──────────────────────────────────────────────────────────────────

export type FootprintPresence = 'all' | 'partial' | 'none' | 'empty';

export interface MigrationStatus {
  name: string;
  hasFile: boolean;
  recorded: boolean;
  executedAt: string | null;
  presence: FootprintPresence;
  present: ObjectRef[];
  missing: ObjectRef[];
  different: ObjectDifference[];
  nonTransactional: boolean;
}

export interface ModelDiff {
  /** Tables the models have and the database lacks. */
  missingTables: string[];
  /** Tables the database has and the models do not (never dropped). */
  extraTables: string[];
  /** `table: what differs` lines for existing tables. */
  changedTables: string[];
  /** Safe, additive SQL that create-all would run (no drops). */
  statements: string[];
}

export interface DriftCounts {
  migrations: number;
  recorded: number;
  recordedButMissing: number;
  recordedPartial: number;
  pendingButPresent: number;
  pending: number;
  ledgerWithoutFile: number;
}

export interface DriftReport {
  connection: ConnectionInfo;
  ledger: LedgerState;
  migrations: MigrationStatus[];
  /** Objects expected (by all migration files) but absent. */
  missing: ObjectRef[];
  /** Tables in the schema no migration file creates. */
  extra: ObjectRef[];
  different: ObjectDifference[];
  /** Indexes present but invalid (`indisvalid = false`). */
  invalidIndexes: string[];
  modelDiff: ModelDiff;
  counts: DriftCounts;
  /** True when ledger, files, live schema and models agree. */
  inSync: boolean;
}

// ─── Diagnosis ──────────────────────────────────────────────────────────────

export type CauseId =
  | 'in-sync'
  | 'dropped-after-apply'
  | 'stamped-without-running'
  | 'failed-midway'
  | 'recreated-without-migrations'
  | 'out-of-band-objects'
  | 'ledger-name-mismatch'
  | 'ledger-elsewhere'
  | 'db-ahead-of-code'
  | 'schema-without-ledger'
  | 'unknown';

export interface Evidence {
  /** Collector that found it, e.g. `ledger-xmin`, `leftover-enum`. */
  kind: string;
  /** A sentence an on-call engineer can check. */
  detail: string;
  /** Concrete objects named (table, type, index, migration). */
  objects: string[];
  /** Positive supports the hypothesis, negative weakens it. */
  weight: number;
}

export interface Hypothesis {
  id: CauseId;
  /** 0..1 */
  confidence: number;
  /** One sentence: what this cause means. */
  summary: string;
  evidence: Evidence[];
}

export interface Diagnosis {
  /** The top hypothesis, or `unknown` when the top two are too close. */
  verdict: CauseId;
  hypotheses: Hypothesis[];
  /** One line on what the verdict means for the repair. */
  repairHint: string;
  /** Recommended strategy, or null when the repair must be refused or asked about. */
  recommended: Strategy | null;
  /** Set when repairs must be refused until the operator acts (exit 3). */
  refusal: string | null;
}

// ─── Repair plans ───────────────────────────────────────────────────────────

export type Strategy = 'create-all' | 'rerun' | 'sync-ledger';

interface StepBase {
  /** The exact SQL run for this step. */
  sql: string;
  /** Why the step is there, in words. */
  reason: string;
  /** What it locks, e.g. `ACCESS EXCLUSIVE on public.agents`. */
  locks: string;
  /** Runs after the transaction commits (e.g. CREATE INDEX CONCURRENTLY). */
  outsideTransaction: boolean;
}

export type PlanStep =
  | (StepBase & { kind: 'ddl'; object?: string })
  | (StepBase & { kind: 'migration-statement'; migration: string })
  | (StepBase & { kind: 'ledger-record'; migration: string })
  | (StepBase & { kind: 'ledger-unrecord'; migration: string })
  | (StepBase & { kind: 'ledger-rename'; migration: string; from: string });

export interface NeedsHuman {
  object: string;
  reason: string;
}

export interface PlanConflict {
  migration: string;
  statement: string;
  /** e.g. `relation "agents" already exists`. */
  problem: string;
}

export interface RepairPlan {
  strategy: Strategy;
  /** False when this strategy cannot repair this database; `refusal` says why. */
  applicable: boolean;
  refusal: string | null;
  /** One line on the consequence of this strategy here. */
  consequence: string;
  steps: PlanStep[];
  needsHuman: NeedsHuman[];
  /** Statements that would fail as written ("already exists"), found before anything runs and reconciled in the steps. */
  conflicts: PlanConflict[];
}

// ─── Apply and verify ───────────────────────────────────────────────────────

export interface ApplyProgress {
  index: number;
  total: number;
  step: PlanStep;
  state: 'running' | 'done' | 'failed';
}

/** How long one plan step took. */
export interface StepTiming {
  /** The step's position in `plan.steps`. */
  index: number;
  durationMs: number;
  ok: boolean;
}

export interface ApplyResult {
  ok: boolean;
  /** In words; SQLSTATE-mapped. */
  error: string | null;
  failedStep: PlanStep | null;
  stepsRun: number;
  durationMs: number;
  verify: VerifyResult | null;
  /** Per step, in the order they ran (the failed one last). */
  stepTimings?: StepTiming[];
  /** The journal this apply wrote (real applies, not rehearsals). */
  journalPath?: string;
  /** What the transaction could not undo or record, in sentences (a rehearsal's advanced sequence). */
  notes?: string[];
}

export interface VerifyCheck {
  id: 'ledger-matches-files' | 'footprints-present' | 'pending-apply-cleanly' | 'models-match' | 'indexes-valid';
  label: string;
  ok: boolean;
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  checks: VerifyCheck[];
  before: DriftCounts;
  after: DriftCounts;
}

/** Exhaustiveness guard for switches over the unions above. */
export function checkExhaustive(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
