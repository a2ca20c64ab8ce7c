import { openOrm } from '../core/orm.js';
import type { Scenario } from './types.js';
import { assertEmptyTarget, LEDGER_TABLE, say, withClient } from './steps.js';

export const schemaWithoutLedger: Scenario = {
  id: 'S09',
  name: 'schema-without-ledger',
  title: 'The whole schema created from the entity models; no ledger',
  done:
    'The whole schema was created from the entity models by MikroORM\'s SchemaGenerator (`schema:create --run`, i.e. ' +
    '`orm.schema.createSchema()`); the Migrator was never used, so no ledger table exists.',
  async build(target) {
    await assertEmptyTarget(target, 'S09 schema-without-ledger');
    const embedded = target.embedded === true;
    // Never touch orm.migrator here: merely listing migrations creates the ledger table.
    const orm = await openOrm({ url: target.url, singleConnection: embedded });
    try {
      await orm.schema.createSchema();
    } finally {
      await orm.close(true);
    }
    const ledgers = await withClient(target, async (client) => {
      const res = await client.query(`select 1 from pg_class where relname = $1 and relkind = 'r'`, [LEDGER_TABLE]);
      return res.rowCount ?? 0;
    });
    if (ledgers) throw new Error('S09: a ledger table appeared although no migration was run');
    say(target, 'schema created from the entity models (no ledger)');
  },
};
