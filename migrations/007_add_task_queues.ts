import { Migration } from '@mikro-orm/migrations';

/** Named task queues and queue membership. */
export class Migration007AddTaskQueues extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "task_queues" ("id" serial primary key, "name" varchar(100) not null, "description" text null, "max_concurrency" int not null default 1, "is_paused" boolean not null default false, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "task_queues" add constraint "task_queues_name_unique" unique ("name");`);
    this.addSql(`create table "queue_tasks" ("id" serial primary key, "queue_id" int not null, "task_id" uuid not null, "position" int not null default 0, "attempts" int not null default 0, "enqueued_at" timestamptz not null default now(), "dequeued_at" timestamptz null);`);
    this.addSql(`create index "queue_tasks_queue_id_position_index" on "queue_tasks" ("queue_id", "position");`);
    this.addSql(`alter table "queue_tasks" add constraint "queue_tasks_queue_id_task_id_unique" unique ("queue_id", "task_id");`);
    this.addSql(`alter table "queue_tasks" add constraint "queue_tasks_queue_id_foreign" foreign key ("queue_id") references "task_queues" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "queue_tasks" add constraint "queue_tasks_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "queue_tasks" cascade;`);
    this.addSql(`drop table if exists "task_queues" cascade;`);
  }
}
