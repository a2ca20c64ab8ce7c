import { describe, expect, it } from 'vitest';
import { addsNotNullWithoutDefault, classifyStatement } from '../../src/core/repair/classify.js';

describe('classifyStatement', () => {
  it.each([
    ['drop table "agents" cascade;', 'destructive'],
    ['alter table "agents" drop column "x";', 'destructive'],
    ['truncate "agents";', 'destructive'],
    ['delete from "agents" where id = 1;', 'destructive'],
    ['update "agents" set name = null;', 'destructive'],
    ['alter table "tasks" alter column "status" type text using ("status"::text);', 'rewrites-data'],
    ['alter table "tasks" alter column "title" set not null;', 'rewrites-data'],
    ['create table "agents" ("id" serial primary key);', 'additive'],
    ['alter table "tools" add column "version" varchar(32) null default \'1.0.0\';', 'additive'],
    ['create index "tasks_created_at_index" on "tasks" ("created_at");', 'additive'],
  ])('%s is %s', (sql, kind) => {
    expect(classifyStatement(sql).kind).toBe(kind);
  });
});

describe('addsNotNullWithoutDefault', () => {
  it('flags a NOT NULL column without default', () => {
    expect(addsNotNullWithoutDefault('alter table "agents" add column "model" varchar(255) not null;')).toEqual({ table: 'agents', column: 'model' });
  });
  it('accepts a default or a nullable column', () => {
    expect(addsNotNullWithoutDefault('alter table "agents" add column "n" int not null default 0;')).toBeNull();
    expect(addsNotNullWithoutDefault('alter table "agents" add column "n" int null;')).toBeNull();
  });
});
