import { Migration } from '@mikro-orm/migrations';

/** Workflow event log. */
export class Migration020AddWorkflowEvents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "workflow_events" ("id" uuid not null default gen_random_uuid(), "task_id" uuid null, "event_type" varchar(100) not null, "source" varchar(100) not null default 'orchestrator', "payload" jsonb not null, "occurred_at" timestamptz not null default now(), constraint "workflow_events_pkey" primary key ("id"));`);
    this.addSql(`create index "workflow_events_event_type_index" on "workflow_events" ("event_type");`);
    this.addSql(`create index "workflow_events_occurred_at_index" on "workflow_events" ("occurred_at");`);
    this.addSql(`alter table "workflow_events" add constraint "workflow_events_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "workflow_events" cascade;`);
  }
}
