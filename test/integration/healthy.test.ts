import { afterAll, describe, expect, it } from 'vitest';
import { openOrm } from '../../src/core/orm.js';
import { checkJson, runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { migratorUp } from '../helpers/migrator.js';

const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

describe('healthy databases are in sync', () => {
  it('fully migrated: check exits 0 and repair has nothing to do', async () => {
    const db = await createTestDatabase('dd_healthy');
    dbs.push(db);
    await migratorUp(db.url);
    const { code, json } = await checkJson(db.url);
    expect(code).toBe(0);
    expect(json.inSync).toBe(true);
    const r = await runCli(['repair', '--strategy', 'rerun', '--yes', '--url', db.url]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('nothing to repair');
  });

  it('migrated to 016 with 017…020 pending: in sync, and 017\'s enum value is not a difference of 001', async () => {
    const db = await createTestDatabase('dd_pending');
    dbs.push(db);
    const orm = await openOrm({ url: db.url });
    await orm.migrator.up({ to: '016_add_learning_patterns' });
    await orm.close(true);
    const { code, json } = await checkJson(db.url);
    expect(json.inSync).toBe(true);
    expect(code).toBe(0);
    const first = json.migrations.find((m) => m.name === '001_initial_tables') as unknown as { presence: string; different: unknown[] };
    expect(first.presence).toBe('all');
    expect(first.different).toEqual([]);
    expect(json.migrations.filter((m) => !m.recorded).map((m) => m.name)).toEqual(['017_add_user_roles', '018_add_request_logs_index', '019_add_chat_sessions', '020_add_workflow_events']);
  });
});
