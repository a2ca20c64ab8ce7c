import { Migration } from '@mikro-orm/migrations';

/** Ollama inference servers and the models pulled onto them. */
export class Migration002OllamaServersModels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "ollama_servers" ("id" serial primary key, "name" varchar(100) not null, "base_url" varchar(512) not null, "is_active" boolean not null default true, "max_concurrency" int not null default 2, "last_seen_at" timestamptz null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "ollama_servers" add constraint "ollama_servers_name_unique" unique ("name");`);
    this.addSql(`create table "ollama_models" ("id" serial primary key, "server_id" int not null, "name" varchar(200) not null, "family" varchar(100) null, "parameter_size" varchar(32) null, "context_length" int not null default 4096, "is_available" boolean not null default true, "pulled_at" timestamptz null);`);
    this.addSql(`alter table "ollama_models" add constraint "ollama_models_server_id_name_unique" unique ("server_id", "name");`);
    this.addSql(`alter table "ollama_models" add constraint "ollama_models_server_id_foreign" foreign key ("server_id") references "ollama_servers" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ollama_models" cascade;`);
    this.addSql(`drop table if exists "ollama_servers" cascade;`);
  }
}
