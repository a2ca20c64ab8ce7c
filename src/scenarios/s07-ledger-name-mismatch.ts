import type { Scenario } from './types.js';
import { applyHistory, assertEmptyTarget, OCCASION_GAP_MS, say, sleep, withClient } from './steps.js';

export const ledgerNameMismatch: Scenario = {
  id: 'S07',
  name: 'ledger-name-mismatch',
  title: 'Everything applied; the ledger names carry a .js suffix',
  done:
    'The real Migrator applied 001…019 in two runs (001…017, then 018…019). Later every ledger row was renamed to carry a ' +
    "`.js` suffix, as an older tool version wrote them, by one UPDATE (`set name = name || '.js'`). The schema is complete " +
    'up to 019; 020 is pending.',
  async build(target) {
    await assertEmptyTarget(target, 'S07 ledger-name-mismatch');
    await applyHistory(target, '001', '019');
    await sleep(OCCASION_GAP_MS);
    const renamed = await withClient(target, async (client) => {
      const res = await client.query(`update "mikro_orm_migrations" set "name" = "name" || '.js'`);
      return res.rowCount ?? 0;
    });
    say(target, `renamed ${renamed} ledger rows to *.js`);
  },
};
