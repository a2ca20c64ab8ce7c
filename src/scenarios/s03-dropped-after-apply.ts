import type { Scenario } from './types.js';
import { assertEmptyTarget, migration, OCCASION_GAP_MS, quoteIdent, runMigrator, say, sleep, withClient } from './steps.js';

export const droppedAfterApply: Scenario = {
  id: 'S03',
  name: 'dropped-after-apply',
  title: 'Migrations really ran; the tables of 003 and 007 were dropped later',
  done:
    'The real MikroORM Migrator applied 001…008 in one run and, on a later occasion, 009…016 in a second run. Then the ' +
    'tables created by 003 (plans, approval_requests, evolution_history, feedback, prompts) and by 007 (task_queues, ' +
    'queue_tasks) were dropped with one DROP TABLE … CASCADE, which also removed the foreign keys other tables had to them. ' +
    "003's enum type approval_status and its sequence plan_number_seq (owned by no column) survive the drop.",
  async build(target) {
    await assertEmptyTarget(target, 'S03 dropped-after-apply');
    await runMigrator(target, { from: '001', to: '008', label: 'run 1' });
    await sleep(OCCASION_GAP_MS);
    await runMigrator(target, { from: '009', to: '016', label: 'run 2' });
    await sleep(OCCASION_GAP_MS);
    const tables = [...(await migration('003')).createdTables, ...(await migration('007')).createdTables];
    await withClient(target, async (client) => {
      await client.query(`drop table ${tables.map(quoteIdent).join(', ')} cascade`);
    });
    say(target, `dropped ${tables.join(', ')} (cascade)`);
  },
};
