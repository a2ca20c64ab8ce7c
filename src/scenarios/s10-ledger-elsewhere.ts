import type { Scenario } from './types.js';
import { applyHistory, assertEmptyTarget, LEDGER_TABLE, quoteIdent, say, withClient } from './steps.js';

export const LEDGER_SCHEMA_ELSEWHERE = 'ops';

export const ledgerElsewhere: Scenario = {
  id: 'S10',
  name: 'ledger-elsewhere',
  title: 'Migrations applied with the ledger in schema ops',
  done:
    'Schema `ops` was created, then the real Migrator, configured with the ledger table `ops.mikro_orm_migrations`, ' +
    'applied 001…020 in two runs (001…017, then 018…020). The application tables are in `public`; `public` has no ' +
    'ledger table.',
  async build(target) {
    await assertEmptyTarget(target, 'S10 ledger-elsewhere');
    await withClient(target, (client) => client.query(`create schema ${quoteIdent(LEDGER_SCHEMA_ELSEWHERE)}`));
    say(target, `created schema ${LEDGER_SCHEMA_ELSEWHERE}`);
    await applyHistory(target, '001', '020', { ledgerSchema: LEDGER_SCHEMA_ELSEWHERE });
    const where = await withClient(target, async (client) => {
      const res = await client.query<{ schema: string }>(
        `select n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname = $1 and c.relkind = 'r'`,
        [LEDGER_TABLE],
      );
      return res.rows.map((r) => r.schema);
    });
    if (where.join() !== LEDGER_SCHEMA_ELSEWHERE) {
      throw new Error(`S10: the ledger landed in [${where.join(', ')}] instead of ${LEDGER_SCHEMA_ELSEWHERE} only`);
    }
    say(target, `ledger is ${LEDGER_SCHEMA_ELSEWHERE}.${LEDGER_TABLE}; public has none`);
  },
};
