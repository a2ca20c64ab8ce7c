import { Migration } from '@mikro-orm/migrations';

/** Execution trace spans per task. */
export class Migration005AddExecutionTraces extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "execution_traces" ("id" uuid not null default gen_random_uuid(), "task_id" uuid not null, "span_name" varchar(200) not null, "parent_span_id" uuid null, "status" varchar(20) not null default 'ok', "attributes" jsonb null, "duration_ms" int null, "started_at" timestamptz not null, "ended_at" timestamptz null, constraint "execution_traces_pkey" primary key ("id"));`);
    this.addSql(`alter table "execution_traces" add constraint "execution_traces_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "execution_traces" cascade;`);
  }
}
