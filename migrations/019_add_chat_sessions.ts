import { Migration } from '@mikro-orm/migrations';

/** Chat sessions between users and agents, and their messages; creates the native enum "chat_role". */
export class Migration019AddChatSessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "chat_role" as enum ('system', 'user', 'assistant', 'tool');`);
    this.addSql(`create table "chat_sessions" ("id" uuid not null default gen_random_uuid(), "user_id" uuid null, "agent_id" int null, "title" varchar(255) null, "archived" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "chat_sessions_pkey" primary key ("id"));`);
    this.addSql(`create table "chat_messages" ("id" serial primary key, "session_id" uuid not null, "role" "chat_role" not null, "content" text not null, "token_count" int null, "metadata" jsonb null, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "chat_messages_session_id_created_at_index" on "chat_messages" ("session_id", "created_at");`);
    this.addSql(`alter table "chat_sessions" add constraint "chat_sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "chat_sessions" add constraint "chat_sessions_agent_id_foreign" foreign key ("agent_id") references "agents" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_session_id_foreign" foreign key ("session_id") references "chat_sessions" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "chat_messages" cascade;`);
    this.addSql(`drop table if exists "chat_sessions" cascade;`);
    this.addSql(`drop type if exists "chat_role";`);
  }
}
