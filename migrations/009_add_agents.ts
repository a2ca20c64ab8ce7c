import { Migration } from '@mikro-orm/migrations';

/** Agents, each optionally bound to an Ollama model. */
export class Migration009AddAgents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "agents" ("id" serial primary key, "name" varchar(100) not null, "description" text null, "model_id" int null, "system_prompt" text null, "config" jsonb null, "is_enabled" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "agents" add constraint "agents_name_unique" unique ("name");`);
    this.addSql(`alter table "agents" add constraint "agents_model_id_foreign" foreign key ("model_id") references "ollama_models" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agents" cascade;`);
  }
}
