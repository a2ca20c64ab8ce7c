import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../src/core/orm.js';
import { entities } from '../entities/index.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

const ALL_MIGRATIONS = [
  '001_initial_tables',
  '002_ollama_servers_models',
  '003_evolution_system',
  '004_add_task_results',
  '005_add_execution_traces',
  '006_add_request_logs',
  '007_add_task_queues',
  '008_add_checkpoints',
  '009_add_agents',
  '010_add_tools',
  '011_add_tool_settings',
  '012_add_agent_experiments',
  '013_add_agent_gym',
  '014_add_agent_memory',
  '015_add_authentication',
  '016_add_learning_patterns',
  '017_add_user_roles',
  '018_add_request_logs_index',
  '019_add_chat_sessions',
  '020_add_workflow_events',
];

const TABLES = [
  'tasks', 'artifacts', 'artifact_dependencies', 'ollama_servers', 'ollama_models', 'plans',
  'approval_requests', 'evolution_history', 'feedback', 'prompts', 'execution_traces', 'request_logs',
  'request_consequences', 'task_queues', 'queue_tasks', 'checkpoints', 'agents', 'tools',
  'agent_experiments', 'experiment_results', 'agent_tests', 'agent_test_runs', 'agent_benchmarks',
  'agent_benchmark_runs', 'agent_memories', 'memory_entries', 'memory_associations', 'users', 'sessions',
  'learning_patterns', 'chat_sessions', 'chat_messages', 'workflow_events',
];

describe('sample application (entities + migrations)', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase('dd_sample');
    orm = await openOrm({ url: db.url });
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('defines exactly the 33 application tables', () => {
    expect(entities).toHaveLength(33);
    const tableNames = orm.getMetadata().getAll();
    const names = Object.values(tableNames).map((m) => m.tableName).sort();
    expect(names).toEqual([...TABLES].sort());
  });

  it('has a self-contained create script without drops', async () => {
    const sql = await orm.schema.getCreateSchemaSQL({ wrap: false });
    expect(sql).not.toMatch(/\bdrop\b/i);
    expect(sql).toContain('create type "task_status" as enum');
    expect(sql).toContain('create type "approval_status" as enum');
  });

  it('applies all 20 migrations on an empty database and ends with no schema diff', async () => {
    const migrator = orm.migrator;
    const pending = await migrator.getPendingMigrations();
    expect(pending.map((m) => m.name)).toEqual(ALL_MIGRATIONS);

    // 018 is non-transactional: it runs on another connection and cannot see tables the
    // same run created but has not committed yet, so the history is applied in two runs.
    const first = await migrator.up({ to: '017_add_user_roles' });
    expect(first.map((m) => m.name)).toEqual(ALL_MIGRATIONS.slice(0, 17));
    const second = await migrator.up();
    expect(second.map((m) => m.name)).toEqual(ALL_MIGRATIONS.slice(17));

    const ledger = await db.query<{ name: string }>('select name from mikro_orm_migrations order by id');
    expect(ledger.map((r) => r.name)).toEqual(ALL_MIGRATIONS);

    const tables = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations'`,
    );
    expect(tables.map((t) => t.table_name).sort()).toEqual([...TABLES].sort());

    const enums = await db.query<{ typname: string }>(
      `select t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where t.typtype = 'e' and n.nspname = 'public' order by t.typname`,
    );
    expect(enums.length).toBeGreaterThanOrEqual(2);
    expect(enums.map((e) => e.typname)).toEqual(['approval_status', 'chat_role', 'task_status']);

    const seq = await db.query<{ owned: boolean }>(
      `select exists (select 1 from pg_depend d where d.objid = 'plan_number_seq'::regclass and d.deptype in ('a', 'i')) as owned`,
    );
    expect(seq[0]?.owned).toBe(false);

    const index = await db.query<{ indisvalid: boolean; indisready: boolean }>(
      `select i.indisvalid, i.indisready from pg_index i
        where i.indexrelid = to_regclass('public.request_logs_path_created_at_index')`,
    );
    expect(index).toEqual([{ indisvalid: true, indisready: true }]);

    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    expect(diff.trim()).toBe('');
  });
});
