import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHalfRuns } from '../../src/core/diagnosis/probe.js';
import { openScratch, type ScratchDatabase } from '../../src/core/replay/scratch.js';
import { takeSnapshot } from '../../src/core/snapshot/snapshot.js';
import type { SchemaSnapshot } from '../../src/core/types.js';

/** A live schema, snapshotted for real from PGlite, then replayed into a copy. */
describe('probeHalfRuns (replay the missing part on a copy of the live schema)', () => {
  let scratch: ScratchDatabase;
  let live: SchemaSnapshot;
  beforeAll(async () => {
    scratch = await openScratch();
    await scratch.exec(`create schema app; set search_path to app;
      create type "mood" as enum ('ok', 'meh');
      create table "accounts" ("id" serial primary key, "email" varchar(255) not null, "mood" mood default 'ok');
      create unique index "accounts_email_unique" on "accounts" ("email");
      create table "orders" ("id" serial primary key, "account_id" int not null references "accounts" ("id"));
      set search_path to public;`);
    live = await takeSnapshot(scratch, { schema: 'app' });
  });
  afterAll(async () => {
    await scratch.close();
  });

  const run = (sql: string[]) => ({
    migration: '007_half', nonTransactional: true, done: [], missing: [],
    undone: sql.map((s) => ({ sql: s, creates: [], alters: [] })),
  });

  it('reports the first statement that fails, with Postgres\'s own error', async () => {
    const [probe] = await probeHalfRuns(scratch, live, [run([
      'alter table "orders" add column "note" text;',
      'alter table "orders" add column "tags" citext[];',
      'create table "never" ("id" int);',
    ])]);
    expect(probe).toMatchObject({ migration: '007_half', statement: 'alter table "orders" add column "tags" citext[];' });
    expect(probe!.error).toMatch(/type "citext\[\]" does not exist|type "citext" does not exist/);
  });

  it('reports "already exists" when the copy already has the object', async () => {
    const [probe] = await probeHalfRuns(scratch, live, [run(['create index "accounts_email_unique" on "accounts" ("email");'])]);
    expect(probe!.error).toMatch(/already exists/);
  });

  it('reports a missing referenced table', async () => {
    const [probe] = await probeHalfRuns(scratch, live, [run(['alter table "orders" add constraint "orders_x_foreign" foreign key ("account_id") references "ledgers" ("id");'])]);
    expect(probe!.error).toMatch(/relation "ledgers" does not exist/);
  });

  it('says when the missing part applies cleanly', async () => {
    const [probe] = await probeHalfRuns(scratch, live, [run(['alter table "orders" add column if not exists "total" numeric(10,2);'])]);
    expect(probe!.error).toBeNull();
  });
});
