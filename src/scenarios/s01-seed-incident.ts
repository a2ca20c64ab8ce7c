import type { Scenario } from './types.js';
import {
  assertEmptyTarget, createHandMadeAgents, createLedgerTable, inTransaction, insertLedgerRows, migration, migrationNames, say, span, withClient,
} from './steps.js';

export const seedIncident: Scenario = {
  id: 'S01',
  name: 'seed-incident',
  title: 'The incident itself: a ledger seeded by hand, agents and tools made by hand',
  done:
    'The ledger table was created (the DDL MikroORM uses) and rows for 001…019 were inserted by ONE hand-written INSERT, ' +
    'in the same transaction, which created nothing else. In a separate transaction the `agents` table was created by a ' +
    'hand-written statement that differs from migration 009 (no `model_id`, hence no foreign key to ollama_models; an extra ' +
    '`model_name` column) and three agents were inserted into it. In yet another transaction `tools` was created with ' +
    'exactly the statements of migration 010, without what 011 adds. Nothing else exists; 020 is pending.',
  async build(target) {
    await assertEmptyTarget(target, 'S01 seed-incident');
    const names = await migrationNames('001', '019');
    const tools = await migration('010');
    await withClient(target, async (client) => {
      await inTransaction(client, async () => {
        await createLedgerTable(client);
        await insertLedgerRows(client, names);
      });
      say(target, `ledger created and ${span(names)} inserted by hand in one transaction`);
      await createHandMadeAgents(client);
      say(target, 'agents created by hand (no model_id, extra model_name) with 3 rows');
      await inTransaction(client, async () => {
        for (const sql of tools.statements) await client.query(sql);
      });
      say(target, 'tools created by hand from 010 (without 011)');
    });
  },
};
