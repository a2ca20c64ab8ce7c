/** Name handling that odd identifiers exercise, as pure functions. */
import { describe, expect, it } from 'vitest';
import { displayName, lockRequestsOf } from '../../src/core/repair/blockers.js';
import { lockOf } from '../../src/core/repair/classify.js';
import { unqualify } from '../../src/core/snapshot/snapshot.js';

describe('unqualify', () => {
  it('removes a quoted schema with a space, in types, defaults and definitions', () => {
    expect(unqualify('"Billing Ops"."Order State"', 'Billing Ops')).toBe('"Order State"');
    expect(unqualify(`nextval('"Billing Ops".user_id_seq'::regclass)`, 'Billing Ops')).toBe(`nextval('user_id_seq'::regclass)`);
    expect(unqualify(`'open'::"Billing Ops"."Order State"`, 'Billing Ops')).toBe(`'open'::"Order State"`);
    expect(unqualify('FOREIGN KEY ("buyerId") REFERENCES "Billing Ops"."user"(id)', 'Billing Ops')).toBe('FOREIGN KEY ("buyerId") REFERENCES "user"(id)');
  });

  it('removes a bare schema only as a whole word outside quotes', () => {
    expect(unqualify('CREATE INDEX x ON public.tasks USING btree (status)', 'public')).toBe('CREATE INDEX x ON tasks USING btree (status)');
    expect(unqualify('REFERENCES "not public".t(id)', 'public')).toBe('REFERENCES "not public".t(id)');
    expect(unqualify('REFERENCES my_public.t(id)', 'public')).toBe('REFERENCES my_public.t(id)');
    expect(unqualify('REFERENCES "public".t(id)', 'public')).toBe('REFERENCES t(id)');
  });

  it('does not strip the bare spelling of a schema that needs quotes', () => {
    // "Billing" needs quotes (upper case); a bare Billing. is some other, case-folded name.
    expect(unqualify('Billing.t', 'Billing')).toBe('Billing.t');
    expect(unqualify('"Billing".t', 'Billing')).toBe('t');
    expect(unqualify('"we""ird".t', 'we"ird')).toBe('t');
  });
});

describe('lock descriptions with odd names', () => {
  it('lockOf quotes what needs quoting and reads qualified names whole', () => {
    expect(lockOf('create table "Billing Ops"."OrderItems" ("id" serial primary key)', 'Billing Ops')).toBe('new table "Billing Ops"."OrderItems" (no lock on existing data)');
    expect(lockOf('create index "OrderItems_buyer_sku_idx" on "Billing Ops"."OrderItems" ("buyerId", "sku");', 'x')).toBe('SHARE on "Billing Ops"."OrderItems" (blocks writes while it builds)');
    expect(lockOf('alter table "OrderItems" add constraint "fk" foreign key ("buyerId") references "user" ("id");', 'Billing Ops'))
      .toBe('SHARE ROW EXCLUSIVE on "Billing Ops"."OrderItems" and "Billing Ops"."user"');
    expect(lockOf('alter table "agents" add column "model_id" int null;', 'public')).toBe('ACCESS EXCLUSIVE on public.agents (held until COMMIT; no table rewrite)');
    expect(lockOf('create index concurrently "i" on "tasks" ("status");', 'public')).toBe('SHARE UPDATE EXCLUSIVE on public.tasks (writes continue)');
    expect(lockOf('reindex index "Weird Index";', 'public')).toBe('ACCESS EXCLUSIVE on index Weird Index, SHARE on its table');
  });

  it('lockRequestsOf finds every relation and the mode PostgreSQL takes', () => {
    expect(lockRequestsOf('alter table "Billing Ops"."OrderItems" add constraint "f" foreign key ("buyerId") references "Billing Ops"."user" ("id") on delete cascade;')).toEqual([
      { schema: 'Billing Ops', name: 'OrderItems', mode: 'ShareRowExclusiveLock' },
      { schema: 'Billing Ops', name: 'user', mode: 'ShareRowExclusiveLock' },
    ]);
    expect(lockRequestsOf('create table "t" ("a" int references "user" ("id"))')).toEqual([{ schema: null, name: 'user', mode: 'ShareRowExclusiveLock' }]);
    expect(lockRequestsOf('alter table Agents add column "x" int references users (id)')).toEqual([
      { schema: null, name: 'agents', mode: 'AccessExclusiveLock' },
      { schema: null, name: 'users', mode: 'ShareRowExclusiveLock' },
    ]);
    expect(lockRequestsOf(`insert into "Billing Ops"."SchemaMigrations" ("name") values ('001')`)).toEqual([{ schema: 'Billing Ops', name: 'SchemaMigrations', mode: 'RowExclusiveLock' }]);
    expect(lockRequestsOf('create type "Order State" as enum (\'open\')')).toEqual([]);
  });

  it('displayName quotes only what needs it', () => {
    expect(displayName('public', 'agents')).toBe('public.agents');
    expect(displayName('Billing Ops', 'user')).toBe('"Billing Ops"."user"');
    expect(displayName('public', 'order')).toBe('public."order"');
    expect(displayName('public', 'OrderItems')).toBe('public."OrderItems"');
  });
});
