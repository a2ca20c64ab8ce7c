import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario, scenarios } from '../../src/scenarios/index.js';
import { HAND_MADE_AGENTS, migrationNames, migration } from '../../src/scenarios/steps.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * Every scenario is built for real into its own fresh database (all at once,
 * they spend most of their time waiting), then its resulting state is checked
 * with plain SQL.
 */

interface Built {
  db: TestDatabase;
  ms: number;
  log: string[];
  error?: unknown;
}

const built = new Map<string, Built>();

function state(id: string): Built {
  const b = built.get(id);
  if (!b) throw new Error(`scenario ${id} was not built`);
  if (b.error) throw b.error;
  return b;
}

interface LedgerRow {
  id: number;
  name: string;
  executed_at: Date;
  xmin: string;
}

async function ledger(db: TestDatabase, schema = 'public'): Promise<LedgerRow[]> {
  return db.query<LedgerRow>(`select id, name, executed_at, xmin::text as xmin from "${schema}"."mikro_orm_migrations" order by id`);
}

async function publicTables(db: TestDatabase): Promise<string[]> {
  const rows = await db.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`);
  return rows.map((r) => r.name);
}

async function relXmin(db: TestDatabase, name: string, schema = 'public'): Promise<string> {
  const rows = await db.query<{ xmin: string }>(
    `select c.xmin::text as xmin from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = $2`,
    [schema, name],
  );
  if (!rows[0]) throw new Error(`no relation ${schema}.${name}`);
  return rows[0].xmin;
}

async function columns(db: TestDatabase, table: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `select column_name as name from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

const distinct = <T>(xs: T[]): T[] => [...new Set(xs)];
const instants = (rows: LedgerRow[]) => distinct(rows.map((r) => new Date(r.executed_at).getTime()));

beforeAll(async () => {
  await Promise.all(
    scenarios.map(async (s) => {
      const db = await createTestDatabase(`dd_scn_${s.id.toLowerCase()}`);
      const log: string[] = [];
      const t0 = Date.now();
      const entry: Built = { db, ms: 0, log };
      built.set(s.id, entry);
      try {
        await s.build({ url: db.url, log: (l) => log.push(l) });
      } catch (e) {
        entry.error = e;
      }
      entry.ms = Date.now() - t0;
    }),
  );
  for (const [id, b] of built) console.info(`${id} built in ${b.ms} ms: ${b.log.join(' | ')}${b.error ? ` FAILED ${String(b.error)}` : ''}`);
}, 240_000);

afterAll(async () => {
  await Promise.all([...built.values()].map((b) => b.db.drop()));
});

describe('scenario registry', () => {
  it('lists the ten scenarios by id and name', () => {
    expect(scenarios.map((s) => `${s.id} ${s.name}`)).toEqual([
      'S01 seed-incident',
      'S02 stamped-without-running',
      'S03 dropped-after-apply',
      'S04 failed-midway',
      'S05 recreated-without-migrations',
      'S06 out-of-band-objects',
      'S07 ledger-name-mismatch',
      'S08 db-ahead-of-code',
      'S09 schema-without-ledger',
      'S10 ledger-elsewhere',
    ]);
    for (const s of scenarios) {
      expect(s.title.length).toBeGreaterThan(10);
      expect(s.done.length).toBeGreaterThan(80);
    }
    expect(findScenario('seed-incident')?.id).toBe('S01');
    expect(findScenario('S07')?.name).toBe('ledger-name-mismatch');
    expect(findScenario('s5')?.name).toBe('recreated-without-migrations');
    expect(findScenario('10')?.name).toBe('ledger-elsewhere');
    expect(findScenario('nope')).toBeUndefined();
  });

  it('refuses to build into a database whose public schema has tables, and changes nothing', async () => {
    const { db } = state('S02');
    const before = await ledger(db);
    for (const s of scenarios) {
      await expect(s.build({ url: db.url })).rejects.toThrow(/refusing to build scenario .*not empty \(2 object\(s\): public\.mikro_orm_migrations/);
    }
    expect(await ledger(db)).toEqual(before);
    expect(await publicTables(db)).toEqual(['mikro_orm_migrations']);
  });

  it('refuses when any schema holds user objects (S05 recreates the whole database)', async () => {
    const db = await createTestDatabase('dd_scn_other');
    try {
      await db.query(`create schema important; create table important.customers (id int); insert into important.customers values (1), (2)`);
      await expect(findScenario('recreated-without-migrations')!.build({ url: db.url })).rejects.toThrow(/not empty .*important/);
      expect(await db.query(`select count(*)::int as n from important.customers`)).toEqual([{ n: 2 }]);
    } finally {
      await db.drop();
    }
  });

  it('creates the ledger by hand with exactly the definition the Migrator gives it', async () => {
    const shape = (db: TestDatabase, schema = 'public') =>
      db.query(
        `select column_name, data_type, character_maximum_length, column_default, is_nullable
           from information_schema.columns where table_schema = $1 and table_name = 'mikro_orm_migrations' order by ordinal_position`,
        [schema],
      );
    const byMigrator = await shape(state('S03').db);
    expect(byMigrator).toHaveLength(3);
    expect(await shape(state('S01').db)).toEqual(byMigrator);
    expect(await shape(state('S02').db)).toEqual(byMigrator);
    const inOps = await shape(state('S10').db, 'ops');
    expect(inOps.map((c) => ({ ...c, column_default: String(c.column_default).replace('ops.', '') }))).toEqual(
      byMigrator.map((c) => ({ ...c, column_default: String(c.column_default) })),
    );
  });
});

describe('S01 seed-incident', () => {
  it('has ledger rows 001…019 written by one transaction that also created the ledger table', async () => {
    const { db } = state('S01');
    const rows = await ledger(db);
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '019'));
    expect(distinct(rows.map((r) => r.xmin))).toHaveLength(1);
    expect(instants(rows)).toHaveLength(1);
    expect(await relXmin(db, 'mikro_orm_migrations')).toBe(rows[0]!.xmin);
  });

  it('has only the hand-made agents and tools besides the ledger, each from its own transaction', async () => {
    const { db } = state('S01');
    expect(await publicTables(db)).toEqual(['agents', 'mikro_orm_migrations', 'tools']);
    const ledgerXmin = (await ledger(db))[0]!.xmin;
    const agentsXmin = await relXmin(db, 'agents');
    const toolsXmin = await relXmin(db, 'tools');
    expect(distinct([ledgerXmin, agentsXmin, toolsXmin])).toHaveLength(3);
    expect(await db.query(`select typname from pg_type where typnamespace = 'public'::regnamespace and typtype = 'e'`)).toEqual([]);
    expect(await db.query(`select relname from pg_class where relnamespace = 'public'::regnamespace and relname = 'plan_number_seq'`)).toEqual([]);
  });

  it('has agents differing from 009 (no model_id, extra model_name) holding its rows', async () => {
    const { db } = state('S01');
    const cols = await columns(db, 'agents');
    expect(cols).not.toContain('model_id');
    expect(cols).toContain('model_name');
    expect(cols).toEqual(expect.arrayContaining(['id', 'name', 'description', 'system_prompt', 'config', 'is_enabled', 'created_at', 'updated_at']));
    const rows = await db.query<{ name: string; model_name: string }>(`select name, model_name from agents order by id`);
    expect(rows).toEqual(HAND_MADE_AGENTS.map((a) => ({ name: a.name, model_name: a.modelName })));
    expect(await db.query(`select xmin::text from agents`)).toEqual(
      HAND_MADE_AGENTS.map(() => ({ xmin: expect.any(String) })),
    );
  });

  it('has tools exactly as 010 makes it, without 011', async () => {
    const { db } = state('S01');
    expect(await columns(db, 'tools')).toEqual(['id', 'name', 'description', 'input_schema', 'handler', 'is_enabled', 'created_at']);
    const constraints = await db.query<{ conname: string }>(`select conname from pg_constraint where conrelid = 'tools'::regclass order by conname`);
    expect(constraints.map((c) => c.conname)).toEqual(['tools_name_unique', 'tools_pkey']);
    expect(await db.query(`select count(*)::int as n from tools`)).toEqual([{ n: 0 }]);
  });
});

describe('S02 stamped-without-running', () => {
  it('has rows 001…012 from one statement and nothing else', async () => {
    const { db } = state('S02');
    const rows = await ledger(db);
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '012'));
    expect(distinct(rows.map((r) => r.xmin))).toHaveLength(1);
    expect(instants(rows)).toHaveLength(1);
    // The table was created before, in its own transaction.
    expect(await relXmin(db, 'mikro_orm_migrations')).not.toBe(rows[0]!.xmin);
    expect(await publicTables(db)).toEqual(['mikro_orm_migrations']);
    expect(await db.query(`select typname from pg_type where typnamespace = 'public'::regnamespace and typtype = 'e'`)).toEqual([]);
  });
});

describe('S03 dropped-after-apply', () => {
  it('has ledger rows from two Migrator runs on two occasions', async () => {
    const { db } = state('S03');
    const rows = await ledger(db);
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '016'));
    const run1 = rows.slice(0, 8);
    const run2 = rows.slice(8);
    expect(distinct(run1.map((r) => r.xmin))).toHaveLength(1);
    expect(distinct(run2.map((r) => r.xmin))).toHaveLength(1);
    expect(run1[0]!.xmin).not.toBe(run2[0]!.xmin);
    expect(instants(run1)).toHaveLength(1);
    expect(instants(run2)).toHaveLength(1);
    expect(instants(run2)[0]! - instants(run1)[0]!).toBeGreaterThan(1000);
  });

  it('lost the tables of 003 and 007 but kept the rest, the enum and the unowned sequence', async () => {
    const { db } = state('S03');
    const tables = await publicTables(db);
    const dropped = [...(await migration('003')).createdTables, ...(await migration('007')).createdTables];
    expect(dropped).toEqual(['plans', 'approval_requests', 'evolution_history', 'feedback', 'prompts', 'task_queues', 'queue_tasks']);
    for (const t of dropped) expect(tables).not.toContain(t);
    for (const t of ['tasks', 'artifacts', 'ollama_models', 'request_logs', 'checkpoints', 'agents', 'tools', 'users', 'learning_patterns']) {
      expect(tables).toContain(t);
    }
    expect(tables).not.toContain('chat_sessions');
    const enums = await db.query<{ typname: string; labels: string }>(
      `select t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder) as labels
         from pg_type t join pg_enum e on e.enumtypid = t.oid where t.typnamespace = 'public'::regnamespace group by t.typname order by t.typname`,
    );
    expect(enums).toEqual([
      { typname: 'approval_status', labels: 'pending,approved,rejected,expired' },
      { typname: 'task_status', labels: expect.any(String) },
    ]);
    expect(await db.query(`select 1 as x from pg_attribute where atttypid = 'approval_status'::regtype and not attisdropped`)).toEqual([]);
    const seq = await db.query<{ start_value: string; owned: number }>(
      `select s.start_value::text, (select count(*)::int from pg_depend d where d.objid = 'plan_number_seq'::regclass and d.deptype in ('a', 'i')) as owned
         from pg_sequences s where s.schemaname = 'public' and s.sequencename = 'plan_number_seq'`,
    );
    expect(seq).toEqual([{ start_value: '1000', owned: 0 }]);
    // CASCADE removed the foreign key plans had to tasks, nothing of tasks itself.
    expect(await db.query(`select conname from pg_constraint where confrelid = 'tasks'::regclass and conname like 'plans%'`)).toEqual([]);
  });

  it('shows the objects of a run in its subtransactions, not in the ledger rows\' transaction', async () => {
    const { db } = state('S03');
    const rows = await ledger(db);
    const x1 = Number(rows[0]!.xmin);
    const x2 = Number(rows[8]!.xmin);
    const ledgerXmins = new Set(rows.map((r) => r.xmin));
    const measured: Record<string, string> = {};
    for (const t of ['mikro_orm_migrations', 'artifacts', 'ollama_servers', 'request_logs', 'checkpoints', 'agents', 'users', 'learning_patterns', 'plan_number_seq']) {
      measured[t] = await relXmin(db, t);
    }
    const enumXmin = (await db.query<{ xmin: string }>(`select xmin::text from pg_type where typname = 'approval_status'`))[0]!.xmin;
    console.info(`S03 ledger xmins: run 1 = ${x1}, run 2 = ${x2}; pg_class.xmin: ${JSON.stringify(measured)}; approval_status pg_type.xmin = ${enumXmin}`);
    // The ledger table is created by the Migrator before its run transaction.
    expect(Number(measured.mikro_orm_migrations)).toBeLessThan(x1);
    for (const t of ['artifacts', 'ollama_servers', 'request_logs', 'checkpoints', 'plan_number_seq']) {
      expect(ledgerXmins.has(measured[t]!)).toBe(false);
      expect(Number(measured[t])).toBeGreaterThan(x1);
      expect(Number(measured[t])).toBeLessThan(x2);
    }
    for (const t of ['agents', 'users', 'learning_patterns']) {
      expect(ledgerXmins.has(measured[t]!)).toBe(false);
      expect(Number(measured[t])).toBeGreaterThan(x2);
    }
    expect(Number(enumXmin)).toBeGreaterThan(x1);
    expect(Number(enumXmin)).toBeLessThan(x2);
  });
});

describe('S04 failed-midway', () => {
  it('has an invalid 018 index, no correlation_id, and a hand-written ledger row for 018', async () => {
    const { db } = state('S04');
    const rows = await ledger(db);
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '018'));
    const run1 = rows.slice(0, 17);
    expect(distinct(run1.map((r) => r.xmin))).toHaveLength(1);
    expect(rows[17]!.xmin).not.toBe(run1[0]!.xmin);
    expect(new Date(rows[17]!.executed_at).getTime() - new Date(run1[0]!.executed_at).getTime()).toBeGreaterThan(1000);
    const idx = await db.query(
      `select c.relname, i.indisvalid, i.indisready from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'request_logs'::regclass order by c.relname`,
    );
    expect(idx).toEqual([
      { relname: 'request_logs_path_created_at_index', indisvalid: false, indisready: false },
      { relname: 'request_logs_pkey', indisvalid: true, indisready: true },
    ]);
    expect(await columns(db, 'request_logs')).not.toContain('correlation_id');
    const tables = await publicTables(db);
    expect(tables).toContain('users');
    expect(tables).not.toContain('chat_sessions');
    expect(tables).not.toContain('workflow_events');
    // The application row whose open transaction made the build wait was committed.
    expect(await db.query(`select path from request_logs`)).toEqual([{ path: '/api/tasks/bulk-import' }]);
  });
});

describe('S05 recreated-without-migrations', () => {
  it('holds only the restored ledger, whose rows are older than the database', async () => {
    const { db } = state('S05');
    expect(await publicTables(db)).toEqual(['mikro_orm_migrations']);
    const rows = await ledger(db);
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '019'));
    // Two runs in A: two executed_at instants; the restore's COPY wrote all rows in one transaction.
    expect(instants(rows)).toHaveLength(2);
    expect(distinct(rows.map((r) => r.xmin))).toHaveLength(1);
    expect(await relXmin(db, 'mikro_orm_migrations')).not.toBe(rows[0]!.xmin);
    const created = await db.query<{ at: Date }>(
      `select (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification as at from pg_database d where d.datname = current_database()`,
    );
    const createdAt = new Date(created[0]!.at).getTime();
    for (const r of rows) expect(createdAt - new Date(r.executed_at).getTime()).toBeGreaterThan(1000);
    // The id sequence came back with the dump.
    expect(await db.query(`select last_value::int as v from mikro_orm_migrations_id_seq`)).toEqual([{ v: 19 }]);
  });

  it('dropped its source database', async () => {
    const { db } = state('S05');
    const left = await db.query(`select datname from pg_database where datname like $1`, [`${db.name}_origin_%`]);
    expect(left).toEqual([]);
  });
});

describe('S06 out-of-band-objects', () => {
  it('has 001…008 by the Migrator and a hand-made agents table, 009 unrecorded', async () => {
    const { db } = state('S06');
    const rows = await ledger(db);
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '008'));
    expect(distinct(rows.map((r) => r.xmin))).toHaveLength(1);
    const tables = await publicTables(db);
    expect(tables).toContain('agents');
    expect(tables).toContain('ollama_models');
    expect(tables).not.toContain('tools');
    const cols = await columns(db, 'agents');
    expect(cols).not.toContain('model_id');
    expect(cols).toContain('model_name');
    expect(await db.query(`select count(*)::int as n from agents`)).toEqual([{ n: HAND_MADE_AGENTS.length }]);
    expect(await db.query(`select conname from pg_constraint where conrelid = 'agents'::regclass and contype = 'f'`)).toEqual([]);
  });
});

describe('S07 ledger-name-mismatch', () => {
  it('has the complete schema up to 019 and every ledger name ending in .js', async () => {
    const { db } = state('S07');
    const rows = await ledger(db);
    expect(rows).toHaveLength(19);
    for (const r of rows) expect(r.name).toMatch(/\.js$/);
    expect(rows.map((r) => r.name.replace(/\.js$/, ''))).toEqual(await migrationNames('001', '019'));
    // The UPDATE rewrote every row: one xmin (the update's), the two runs' executed_at kept.
    expect(distinct(rows.map((r) => r.xmin))).toHaveLength(1);
    expect(instants(rows)).toHaveLength(2);
    const tables = await publicTables(db);
    expect(tables).toContain('chat_sessions');
    expect(tables).not.toContain('workflow_events');
    expect(await columns(db, 'request_logs')).toContain('correlation_id');
    expect(await db.query(`select indisvalid from pg_index where indexrelid = 'request_logs_path_created_at_index'::regclass`)).toEqual([{ indisvalid: true }]);
  });
});

describe('S08 db-ahead-of-code', () => {
  it('has 001…020 from two runs plus 021_add_billing and its table', async () => {
    const { db } = state('S08');
    const rows = await ledger(db);
    expect(rows.map((r) => r.name)).toEqual([...(await migrationNames('001', '020')), '021_add_billing']);
    expect(distinct(rows.slice(0, 20).map((r) => r.xmin))).toHaveLength(2);
    const tables = await publicTables(db);
    expect(tables).toHaveLength(33 + 2);
    expect(tables).toContain('billing_accounts');
    expect(tables).toContain('workflow_events');
    expect(await relXmin(db, 'billing_accounts')).toBe(rows[20]!.xmin);
    expect(await db.query(`select confrelid::regclass::text as t from pg_constraint where conrelid = 'billing_accounts'::regclass and contype = 'f'`)).toEqual([{ t: 'users' }]);
  });
});

describe('S09 schema-without-ledger', () => {
  it('has the 33 application tables and no ledger anywhere', async () => {
    const { db } = state('S09');
    const tables = await publicTables(db);
    expect(tables).toHaveLength(33);
    expect(tables).not.toContain('mikro_orm_migrations');
    expect(await db.query(`select relname from pg_class where relname like 'mikro_orm_migrations%'`)).toEqual([]);
    expect(await columns(db, 'request_logs')).toContain('correlation_id');
  });
});

describe('S10 ledger-elsewhere', () => {
  it('keeps the ledger in ops and the tables in public', async () => {
    const { db } = state('S10');
    const rows = await ledger(db, 'ops');
    expect(rows.map((r) => r.name)).toEqual(await migrationNames('001', '020'));
    expect(distinct(rows.map((r) => r.xmin))).toHaveLength(2);
    expect(await db.query(`select schemaname from pg_tables where tablename = 'mikro_orm_migrations'`)).toEqual([{ schemaname: 'ops' }]);
    const tables = await publicTables(db);
    expect(tables).toHaveLength(33);
    expect(await db.query(`select tablename from pg_tables where schemaname = 'ops'`)).toEqual([{ tablename: 'mikro_orm_migrations' }]);
  });
});
