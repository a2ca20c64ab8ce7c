import { Migration } from '@mikro-orm/migrations';

/** Self-evolution: plans, approvals, evolution history, feedback and prompts. Creates the native enum "approval_status" and the standalone sequence "plan_number_seq" (not owned by any column: the application numbers plans with nextval()). */
export class Migration003EvolutionSystem extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "approval_status" as enum ('pending', 'approved', 'rejected', 'expired');`);
    this.addSql(`create sequence "plan_number_seq" start with 1000;`);
    this.addSql(`create table "plans" ("id" uuid not null default gen_random_uuid(), "plan_code" varchar(32) null, "task_id" uuid null, "title" varchar(255) not null, "goal" text not null, "steps" jsonb not null, "created_by" varchar(100) null, "created_at" timestamptz not null default now(), constraint "plans_pkey" primary key ("id"));`);
    this.addSql(`alter table "plans" add constraint "plans_plan_code_unique" unique ("plan_code");`);
    this.addSql(`create table "approval_requests" ("id" serial primary key, "plan_id" uuid not null, "status" "approval_status" not null default 'pending', "requested_by" varchar(100) not null, "reviewer" varchar(100) null, "comment" text null, "requested_at" timestamptz not null default now(), "decided_at" timestamptz null);`);
    this.addSql(`create index "approval_requests_status_index" on "approval_requests" ("status");`);
    this.addSql(`create table "evolution_history" ("id" serial primary key, "plan_id" uuid null, "version" int not null, "change_summary" text not null, "diff" jsonb null, "applied_at" timestamptz not null default now(), "rolled_back" boolean not null default false);`);
    this.addSql(`create table "feedback" ("id" serial primary key, "task_id" uuid null, "rating" smallint not null, "comment" text null, "source" varchar(50) not null default 'user', "created_at" timestamptz not null default now());`);
    this.addSql(`create table "prompts" ("id" serial primary key, "name" varchar(150) not null, "version" int not null default 1, "template" text not null, "variables" jsonb null, "is_active" boolean not null default true, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "prompts" add constraint "prompts_name_version_unique" unique ("name", "version");`);
    this.addSql(`alter table "plans" add constraint "plans_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "approval_requests" add constraint "approval_requests_plan_id_foreign" foreign key ("plan_id") references "plans" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "evolution_history" add constraint "evolution_history_plan_id_foreign" foreign key ("plan_id") references "plans" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "feedback" add constraint "feedback_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "prompts" cascade;`);
    this.addSql(`drop table if exists "feedback" cascade;`);
    this.addSql(`drop table if exists "evolution_history" cascade;`);
    this.addSql(`drop table if exists "approval_requests" cascade;`);
    this.addSql(`drop table if exists "plans" cascade;`);
    this.addSql(`drop sequence if exists "plan_number_seq";`);
    this.addSql(`drop type if exists "approval_status";`);
  }
}
