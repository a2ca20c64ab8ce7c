import { Migration } from '@mikro-orm/migrations';

/** Agent memory stores, memory entries and associations between entries. */
export class Migration014AddAgentMemory extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "agent_memories" ("id" serial primary key, "agent_id" int not null, "name" varchar(100) not null, "memory_type" varchar(30) not null default 'episodic', "capacity" int not null default 1000, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "agent_memories" add constraint "agent_memories_agent_id_name_unique" unique ("agent_id", "name");`);
    this.addSql(`create table "memory_entries" ("id" uuid not null default gen_random_uuid(), "memory_id" int not null, "content" text not null, "embedding" jsonb null, "importance" smallint not null default 0, "last_accessed_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "memory_entries_pkey" primary key ("id"));`);
    this.addSql(`create index "memory_entries_memory_id_created_at_index" on "memory_entries" ("memory_id", "created_at");`);
    this.addSql(`create table "memory_associations" ("id" serial primary key, "source_entry_id" uuid not null, "target_entry_id" uuid not null, "relation" varchar(50) not null, "strength" double precision null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "memory_associations" add constraint "memory_associations_source_entry_id_target_entry__2074e_unique" unique ("source_entry_id", "target_entry_id", "relation");`);
    this.addSql(`alter table "agent_memories" add constraint "agent_memories_agent_id_foreign" foreign key ("agent_id") references "agents" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "memory_entries" add constraint "memory_entries_memory_id_foreign" foreign key ("memory_id") references "agent_memories" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "memory_associations" add constraint "memory_associations_source_entry_id_foreign" foreign key ("source_entry_id") references "memory_entries" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "memory_associations" add constraint "memory_associations_target_entry_id_foreign" foreign key ("target_entry_id") references "memory_entries" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "memory_associations" cascade;`);
    this.addSql(`drop table if exists "memory_entries" cascade;`);
    this.addSql(`drop table if exists "agent_memories" cascade;`);
  }
}
