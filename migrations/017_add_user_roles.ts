import { Migration } from '@mikro-orm/migrations';

/** Users get a role and a last-login time; index on sessions.expires_at; task_status gains the value 'paused'. */
export class Migration017AddUserRoles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "task_status" add value if not exists 'paused' after 'cancelled';`);
    this.addSql(`alter table "users" add column "role" varchar(32) not null default 'operator', add column "last_login_at" timestamptz null;`);
    this.addSql(`create index "sessions_expires_at_index" on "sessions" ("expires_at");`);
  }

  override async down(): Promise<void> {
    // PostgreSQL cannot remove a value from an enum type: 'paused' stays in task_status.
    this.addSql(`drop index "sessions_expires_at_index";`);
    this.addSql(`alter table "users" drop column "role", drop column "last_login_at";`);
  }
}
