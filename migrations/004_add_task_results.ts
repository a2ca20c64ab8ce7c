import { Migration } from '@mikro-orm/migrations';

/** Tasks record their result, error and completion time; artifacts get a checksum; index on tasks.created_at. */
export class Migration004AddTaskResults extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tasks" add column "result" jsonb null, add column "error_message" text null, add column "completed_at" timestamptz null;`);
    this.addSql(`create index "tasks_created_at_index" on "tasks" ("created_at");`);
    this.addSql(`alter table "artifacts" add column "checksum" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "artifacts" drop column "checksum";`);
    this.addSql(`drop index "tasks_created_at_index";`);
    this.addSql(`alter table "tasks" drop column "result", drop column "error_message", drop column "completed_at";`);
  }
}
