import type { Scenario } from './types.js';
import { assertEmptyTarget, createHandMadeAgents, OCCASION_GAP_MS, runMigrator, say, sleep, withClient } from './steps.js';

export const outOfBandObjects: Scenario = {
  id: 'S06',
  name: 'out-of-band-objects',
  title: '001…008 applied; agents then made by hand, 009 never recorded',
  done:
    'The real Migrator applied 001…008 in one run. Later the `agents` table was created by a hand-written statement that ' +
    'differs from migration 009 (no `model_id` and no foreign key to ollama_models; an extra `model_name` column) and three ' +
    'agents were inserted into it, in one transaction. The ledger says nothing about 009 or later.',
  async build(target) {
    await assertEmptyTarget(target, 'S06 out-of-band-objects');
    await runMigrator(target, { from: '001', to: '008', label: 'run 1' });
    await sleep(OCCASION_GAP_MS);
    await withClient(target, (client) => createHandMadeAgents(client));
    say(target, 'agents created by hand (no model_id, extra model_name) with 3 rows');
  },
};
