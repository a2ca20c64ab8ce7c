import type { Scenario } from './types.js';
import { assertEmptyTarget, createLedgerTable, insertLedgerRows, migrationNames, say, span, withClient } from './steps.js';

export const stampedWithoutRunning: Scenario = {
  id: 'S02',
  name: 'stamped-without-running',
  title: 'Ledger rows 001…012 written by hand on an empty database',
  done:
    'On an empty database the ledger table was created (the DDL MikroORM uses), then rows for 001…012 were inserted by one ' +
    'hand-written INSERT statement. No migration ran; nothing else exists.',
  async build(target) {
    await assertEmptyTarget(target, 'S02 stamped-without-running');
    const names = await migrationNames('001', '012');
    await withClient(target, async (client) => {
      await createLedgerTable(client);
      await insertLedgerRows(client, names);
    });
    say(target, `ledger created; ${span(names)} inserted by hand in one statement`);
  },
};
