import { Migration } from '@mikro-orm/migrations';

/** Tasks, their artifacts and the artifact dependency graph; creates the native enum "task_status". */
export class Migration001InitialTables extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "task_status" as enum ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled');`);
    this.addSql(`create table "tasks" ("id" uuid not null default gen_random_uuid(), "title" varchar(255) not null, "description" text null, "status" "task_status" not null default 'pending', "priority" int not null default 0, "payload" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "tasks_pkey" primary key ("id"));`);
    this.addSql(`create index "tasks_status_index" on "tasks" ("status");`);
    this.addSql(`create table "artifacts" ("id" uuid not null default gen_random_uuid(), "task_id" uuid not null, "name" varchar(255) not null, "kind" varchar(50) not null, "content" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), constraint "artifacts_pkey" primary key ("id"));`);
    this.addSql(`create table "artifact_dependencies" ("id" serial primary key, "artifact_id" uuid not null, "depends_on_id" uuid not null, "dependency_type" varchar(32) not null default 'requires', "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "artifact_dependencies" add constraint "artifact_dependencies_artifact_id_depends_on_id_unique" unique ("artifact_id", "depends_on_id");`);
    this.addSql(`alter table "artifacts" add constraint "artifacts_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "artifact_dependencies" add constraint "artifact_dependencies_artifact_id_foreign" foreign key ("artifact_id") references "artifacts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "artifact_dependencies" add constraint "artifact_dependencies_depends_on_id_foreign" foreign key ("depends_on_id") references "artifacts" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "artifact_dependencies" cascade;`);
    this.addSql(`drop table if exists "artifacts" cascade;`);
    this.addSql(`drop table if exists "tasks" cascade;`);
    this.addSql(`drop type if exists "task_status";`);
  }
}
