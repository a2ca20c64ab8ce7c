import { Migration } from '@mikro-orm/migrations';

/** Patterns learned from past executions. */
export class Migration016AddLearningPatterns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "learning_patterns" ("id" serial primary key, "pattern_key" varchar(200) not null, "description" text null, "pattern" jsonb not null, "occurrences" int not null default 1, "success_rate" double precision null, "agent_id" int null, "first_seen_at" timestamptz not null default now(), "last_seen_at" timestamptz not null default now());`);
    this.addSql(`alter table "learning_patterns" add constraint "learning_patterns_pattern_key_unique" unique ("pattern_key");`);
    this.addSql(`alter table "learning_patterns" add constraint "learning_patterns_agent_id_foreign" foreign key ("agent_id") references "agents" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "learning_patterns" cascade;`);
  }
}
