import { Migration } from '@mikro-orm/migrations';

/** Builds the request_logs (path, created_at) index without locking writes, and adds the correlation id column. */
export class Migration018AddRequestLogsIndex extends Migration {
  /** CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block. */
  override isTransactional(): boolean {
    return false;
  }

  override async up(): Promise<void> {
    this.addSql(`create index concurrently if not exists "request_logs_path_created_at_index" on "request_logs" ("path", "created_at");`);
    this.addSql(`alter table "request_logs" add column if not exists "correlation_id" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "request_logs" drop column if exists "correlation_id";`);
    this.addSql(`drop index concurrently if exists "request_logs_path_created_at_index";`);
  }
}
