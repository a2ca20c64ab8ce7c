import type { Scenario } from './types.js';
import { applyHistory, assertEmptyTarget, inTransaction, OCCASION_GAP_MS, say, sleep, withClient } from './steps.js';

export const BILLING_MIGRATION = '021_add_billing';

/** What the (absent) migration 021 does: a billing account per user. */
export const BILLING_SQL = [
  `create table "billing_accounts" ("id" serial primary key, "user_id" uuid not null, "plan" varchar(50) not null default 'free', "currency" char(3) not null default 'EUR', "balance_cents" bigint not null default 0, "billing_email" varchar(255) null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now())`,
  `alter table "billing_accounts" add constraint "billing_accounts_user_id_unique" unique ("user_id")`,
  `alter table "billing_accounts" add constraint "billing_accounts_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade`,
];

export const dbAheadOfCode: Scenario = {
  id: 'S08',
  name: 'db-ahead-of-code',
  title: 'All 20 migrations applied, plus 021_add_billing that this checkout does not have',
  done:
    'The real Migrator applied 001…020 in two runs (001…017, then 018…020). Later, in one transaction, the table ' +
    '`billing_accounts` (a billing account per user, foreign key to users) was created and a ledger row `021_add_billing` ' +
    'inserted by hand — what a newer checkout\'s migration 021 would have done; no file for 021 exists here.',
  async build(target) {
    await assertEmptyTarget(target, 'S08 db-ahead-of-code');
    await applyHistory(target, '001', '020');
    await sleep(OCCASION_GAP_MS);
    await withClient(target, (client) =>
      inTransaction(client, async () => {
        for (const sql of BILLING_SQL) await client.query(sql);
        await client.query(`insert into "mikro_orm_migrations" ("name") values ($1)`, [BILLING_MIGRATION]);
      }),
    );
    say(target, `billing_accounts created and ${BILLING_MIGRATION} recorded by hand`);
  },
};
