import { Migration } from '@mikro-orm/migrations';

/** Resumable task checkpoints. */
export class Migration008AddCheckpoints extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "checkpoints" ("id" uuid not null default gen_random_uuid(), "task_id" uuid not null, "sequence_number" int not null, "label" varchar(200) not null, "state" jsonb not null, "created_at" timestamptz not null default now(), constraint "checkpoints_pkey" primary key ("id"));`);
    this.addSql(`alter table "checkpoints" add constraint "checkpoints_task_id_sequence_number_unique" unique ("task_id", "sequence_number");`);
    this.addSql(`alter table "checkpoints" add constraint "checkpoints_task_id_foreign" foreign key ("task_id") references "tasks" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "checkpoints" cascade;`);
  }
}
