/**
 * Plain values shaped like the incident: the ledger says 001–019 ran, yet
 * almost nothing exists; agents (hand-made) and tools (unknown origin) are
 * there, so 009/010 are partly present; workflow_events exists although 020
 * is not recorded.
 */
import type { ConnectionInfo, DriftCounts, DriftReport, Diagnosis, MigrationStatus, ObjectRef, PlanStep, RepairPlan, Strategy, VerifyResult } from '../../src/core/types.js';

export const connection: ConnectionInfo = {
  server: 'db.internal:5432',
  database: 'agents_prod',
  role: 'app_owner',
  schema: 'public',
  ledgerTable: 'mikro_orm_migrations',
  serverVersion: 'PostgreSQL 15.20',
  maskedUrl: 'postgresql://app_owner:***@db.internal:5432/agents_prod',
};

/** Migration name → the tables it creates (004 is a data-only migration). */
export const MIGRATIONS: readonly [string, string[]][] = [
  ['001_initial_tables', ['tasks', 'artifacts', 'artifact_dependencies']],
  ['002_ollama_servers_models', ['ollama_servers', 'ollama_models']],
  ['003_evolution_system', ['plans', 'approval_requests', 'evolution_history', 'feedback', 'prompts']],
  ['004_backfill_task_status', []],
  ['005_add_execution_traces', ['execution_traces']],
  ['006_add_request_logs', ['request_logs', 'request_consequences']],
  ['007_add_task_queues', ['task_queues', 'queue_tasks']],
  ['008_add_checkpoints', ['checkpoints']],
  ['009_add_agents', ['agents']],
  ['010_add_tools', ['tools']],
  ['011_add_task_tags', ['task_tags']],
  ['012_add_agent_experiments', ['agent_experiments', 'experiment_results']],
  ['013_add_agent_gym', ['agent_tests', 'agent_test_runs', 'agent_benchmarks', 'agent_benchmark_runs']],
  ['014_add_agent_memory', ['agent_memories', 'memory_entries', 'memory_associations']],
  ['015_add_authentication', ['users', 'sessions']],
  ['016_add_learning_patterns', ['learning_patterns']],
  ['017_add_notifications', ['notifications']],
  ['018_add_api_keys', ['api_keys']],
  ['019_add_chat_sessions', ['chat_sessions', 'chat_messages']],
  ['020_add_workflow_events', ['workflow_events']],
];

const tableRef = (name: string): ObjectRef => ({ kind: 'table', name, key: `table:${name}` });
const indexRef = (table: string, name: string): ObjectRef => ({ kind: 'index', table, name, key: `index:${name}` });

function status(name: string, tables: string[], index: number): MigrationStatus {
  const recorded = index < 19;
  const base = { name, hasFile: true, recorded, executedAt: recorded ? '2026-11-20T09:14:02.118Z' : null, different: [], nonTransactional: false };
  if (tables.length === 0) return { ...base, presence: 'empty', present: [], missing: [] };
  if (name.startsWith('009') || name.startsWith('010')) {
    const table = tables[0] ?? name;
    return { ...base, presence: 'partial', present: [tableRef(table)], missing: [indexRef(table, `${table}_name_index`)] };
  }
  if (name.startsWith('020')) return { ...base, presence: 'all', present: tables.map(tableRef), missing: [] };
  return { ...base, presence: 'none', present: [], missing: tables.map(tableRef) };
}

export const migrations: MigrationStatus[] = MIGRATIONS.map(([name, tables], i) => status(name, tables, i));

export const beforeCounts: DriftCounts = {
  migrations: 20,
  recorded: 19,
  recordedButMissing: 16,
  recordedPartial: 2,
  pendingButPresent: 1,
  pending: 0,
  ledgerWithoutFile: 0,
};

export const afterCounts: DriftCounts = {
  migrations: 20,
  recorded: 20,
  recordedButMissing: 0,
  recordedPartial: 0,
  pendingButPresent: 0,
  pending: 0,
  ledgerWithoutFile: 0,
};

const missingTables = migrations.flatMap((m) => m.missing.filter((o) => o.kind === 'table').map((o) => o.name));

export const report: DriftReport = {
  connection,
  ledger: {
    schema: 'public',
    table: 'mikro_orm_migrations',
    exists: true,
    tableXmin: '7401',
    rows: migrations.filter((m) => m.recorded).map((m, i) => ({ id: i + 1, name: m.name, executedAt: m.executedAt, xmin: '7412' })),
  },
  migrations,
  missing: migrations.flatMap((m) => m.missing),
  extra: [],
  different: [
    {
      object: { kind: 'column', table: 'agents', name: 'name', key: 'column:agents.name' },
      detail: 'type is text, expected character varying(255)',
      expected: 'character varying(255)',
      actual: 'text',
    },
  ],
  invalidIndexes: [],
  modelDiff: { missingTables, extraTables: [], changedTables: ['agents: name is text, models say varchar(255)'], statements: [] },
  counts: beforeCounts,
  inSync: false,
};

export const diagnosis: Diagnosis = {
  verdict: 'stamped-without-running',
  recommended: 'create-all',
  refusal: null,
  repairHint: 'The migrations never ran: create what is missing from the models, then bring the ledger to what exists.',
  hypotheses: [
    {
      id: 'out-of-band-objects',
      confidence: 0.64,
      summary: 'Some tables were created by hand or by a script, outside the migrations.',
      evidence: [
        { kind: 'lonely-xmin', detail: 'agents was created in transaction 7530, alone, unrelated to any ledger row.', objects: ['agents'], weight: 0.4 },
        { kind: 'definition-differs', detail: 'agents.name is text; 009_add_agents creates character varying(255).', objects: ['agents.name'], weight: 0.3 },
        { kind: 'pending-present', detail: 'workflow_events exists although 020_add_workflow_events is not recorded.', objects: ['workflow_events'], weight: 0.2 },
      ],
    },
    {
      id: 'stamped-without-running',
      confidence: 0.82,
      summary: 'The ledger was written by hand (or by a tool) without running the migrations.',
      evidence: [
        { kind: 'ledger-xmin', detail: 'Ledger rows 001–019 share transaction 7412, which created no table, type or sequence.', objects: ['mikro_orm_migrations'], weight: 0.5 },
        { kind: 'no-leftovers', detail: 'Nothing of 001–008 or 011–019 exists, not even the enum types a DROP TABLE leaves behind.', objects: ['task_status'], weight: 0.3 },
        { kind: 'one-batch', detail: 'All 19 rows carry executed_at within 40 ms: one batch, not real runs over weeks.', objects: [], weight: 0.2 },
        { kind: 'partial-present', detail: 'agents and tools exist, which 009 and 010 create.', objects: ['agents', 'tools'], weight: -0.15 },
      ],
    },
    {
      id: 'dropped-after-apply',
      confidence: 0.12,
      summary: 'The migrations ran, then their tables were dropped.',
      evidence: [
        { kind: 'leftover-enum', detail: 'No leftover enum types or unowned sequences of the missing tables.', objects: [], weight: -0.4 },
      ],
    },
    {
      id: 'failed-midway',
      confidence: 0.08,
      summary: 'The migrations ran with errors that were ignored.',
      evidence: [
        { kind: 'partial', detail: '009 and 010 are only partly present.', objects: ['agents', 'tools'], weight: 0.2 },
        { kind: 'replay-clean', detail: 'Their missing parts replay cleanly against the live schema: nothing would have failed.', objects: [], weight: -0.3 },
      ],
    },
    {
      id: 'recreated-without-migrations',
      confidence: 0.05,
      summary: 'The database was recreated or restored and the migrations were not re-applied.',
      evidence: [
        { kind: 'table-xmin', detail: 'The ledger table (xmin 7401) is older than its rows (7412): the rows were not restored with it.', objects: ['mikro_orm_migrations'], weight: -0.3 },
      ],
    },
  ],
};

const createTable = (table: string, migration: string): PlanStep => ({
  kind: 'ddl',
  object: `table ${table}`,
  reason: `Create missing table ${table} (from ${migration})`,
  locks: `new table public.${table} (no lock on existing data)`,
  outsideTransaction: false,
  sql: `create table "${table}" ("id" serial primary key, "name" varchar(255) not null, "created_at" timestamptz not null default now());`,
});

const record = (migration: string): PlanStep => ({
  kind: 'ledger-record',
  migration,
  reason: `Record ${migration}: its table now exists`,
  locks: 'ROW EXCLUSIVE on public.mikro_orm_migrations (ledger only)',
  outsideTransaction: false,
  sql: `insert into "mikro_orm_migrations" ("name", "executed_at") values ('${migration}', now());`,
});

const createAllSteps: PlanStep[] = [
  ...MIGRATIONS.flatMap(([migration, tables]) => tables.filter((t) => missingTables.includes(t)).map((t) => createTable(t, migration))),
  {
    kind: 'ddl',
    object: 'foreign key tools_agent_id_foreign',
    reason: 'Add the foreign key tools → agents that 010 declares',
    locks: 'SHARE ROW EXCLUSIVE on public.tools and public.agents',
    outsideTransaction: false,
    sql: 'alter table "tools" add constraint "tools_agent_id_foreign" foreign key ("agent_id") references "agents" ("id") on update cascade;',
  },
  record('020_add_workflow_events'),
  {
    kind: 'ddl',
    object: 'index agents_name_index',
    reason: 'Create the missing index agents_name_index without blocking writes',
    locks: 'SHARE UPDATE EXCLUSIVE on public.agents (concurrently)',
    outsideTransaction: true,
    sql: 'create index concurrently "agents_name_index" on "agents" ("name");',
  },
];

const missingMigrations = migrations.filter((m) => m.recorded && m.presence === 'none').map((m) => m.name);

const rerunSteps: PlanStep[] = [
  ...missingMigrations.map((migration): PlanStep => ({
    kind: 'ledger-unrecord',
    migration,
    reason: `Un-record ${migration}: none of its effects exist`,
    locks: 'ROW EXCLUSIVE on public.mikro_orm_migrations',
    outsideTransaction: false,
    sql: `delete from "mikro_orm_migrations" where "name" = '${migration}';`,
  })),
  ...MIGRATIONS.filter(([m]) => missingMigrations.includes(m)).flatMap(([migration, tables]) =>
    tables.map((t): PlanStep => ({ ...createTable(t, migration), kind: 'migration-statement', migration })),
  ),
];

export const plans: Record<Strategy, RepairPlan> = {
  'create-all': {
    strategy: 'create-all',
    applicable: true,
    refusal: null,
    consequence: `Creates ${missingTables.length} missing tables, a foreign key and an index from the models, then records 020; nothing is dropped.`,
    steps: createAllSteps,
    needsHuman: [{ object: 'agents.name', reason: 'type is text, the models say varchar(255): changing it rewrites data.' }],
    conflicts: [],
  },
  rerun: {
    strategy: 'rerun',
    applicable: true,
    refusal: null,
    consequence: `Un-records ${missingMigrations.length} migrations and runs them again in order; 020 keeps the workflow_events that exists.`,
    steps: rerunSteps,
    needsHuman: [],
    conflicts: [
      {
        migration: '020_add_workflow_events',
        statement: 'create table "workflow_events" (…);',
        // As the engine words a conflict it reconciles: the plan creates only the missing parts.
        problem: 'would fail with "already exists" (table workflow_events); reconciled: only the missing parts are created',
      },
    ],
  },
  'sync-ledger': {
    strategy: 'sync-ledger',
    applicable: false,
    refusal: 'Un-recording 16 migrations leaves 009 and 010 half-applied: the next migration:up would fail on agents.',
    consequence: `Would only rewrite the ledger; the ${missingTables.length} missing tables would stay missing.`,
    steps: [],
    needsHuman: [],
    conflicts: [],
  },
};

export const verifyResult: VerifyResult = {
  ok: true,
  before: beforeCounts,
  after: afterCounts,
  checks: [
    { id: 'ledger-matches-files', label: 'ledger matches the migration files', ok: true, detail: '20 of 20 recorded' },
    { id: 'footprints-present', label: "every recorded migration's objects exist", ok: true, detail: 'all 36 tables present' },
    { id: 'pending-apply-cleanly', label: 'pending migrations would apply cleanly', ok: true, detail: 'none pending' },
    { id: 'models-match', label: 'schema matches the models', ok: true, detail: 'agents.name differs (left for a human)' },
    { id: 'indexes-valid', label: 'indexes are valid', ok: true, detail: 'no invalid index' },
  ],
};
