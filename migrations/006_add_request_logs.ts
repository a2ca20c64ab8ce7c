import { Migration } from '@mikro-orm/migrations';

/** API request log and the consequences each request caused. */
export class Migration006AddRequestLogs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "request_logs" ("id" serial primary key, "method" varchar(10) not null, "path" varchar(1024) not null, "status_code" int not null, "duration_ms" int null, "user_agent" varchar(512) null, "ip_address" varchar(45) null, "created_at" timestamptz not null default now());`);
    this.addSql(`create table "request_consequences" ("id" serial primary key, "request_log_id" int not null, "consequence_type" varchar(50) not null, "target_table" varchar(100) null, "target_id" varchar(64) null, "details" jsonb null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "request_consequences" add constraint "request_consequences_request_log_id_foreign" foreign key ("request_log_id") references "request_logs" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "request_consequences" cascade;`);
    this.addSql(`drop table if exists "request_logs" cascade;`);
  }
}
