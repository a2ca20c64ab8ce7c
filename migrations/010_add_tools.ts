import { Migration } from '@mikro-orm/migrations';

/** Tools agents can call. */
export class Migration010AddTools extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "tools" ("id" serial primary key, "name" varchar(100) not null, "description" text not null, "input_schema" jsonb not null, "handler" varchar(255) not null, "is_enabled" boolean not null default true, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "tools" add constraint "tools_name_unique" unique ("name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tools" cascade;`);
  }
}
