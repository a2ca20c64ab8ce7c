import { Migration } from '@mikro-orm/migrations';

/** A/B experiments on agents and their measured results. */
export class Migration012AddAgentExperiments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "agent_experiments" ("id" uuid not null default gen_random_uuid(), "agent_id" int not null, "name" varchar(200) not null, "hypothesis" text null, "variant_config" jsonb not null, "status" varchar(20) not null default 'draft', "started_at" timestamptz null, "ended_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "agent_experiments_pkey" primary key ("id"));`);
    this.addSql(`create table "experiment_results" ("id" serial primary key, "experiment_id" uuid not null, "metric_name" varchar(100) not null, "metric_value" double precision not null, "sample_size" int not null default 1, "notes" text null, "recorded_at" timestamptz not null default now());`);
    this.addSql(`create index "experiment_results_experiment_id_metric_name_index" on "experiment_results" ("experiment_id", "metric_name");`);
    this.addSql(`alter table "agent_experiments" add constraint "agent_experiments_agent_id_foreign" foreign key ("agent_id") references "agents" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "experiment_results" add constraint "experiment_results_experiment_id_foreign" foreign key ("experiment_id") references "agent_experiments" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "experiment_results" cascade;`);
    this.addSql(`drop table if exists "agent_experiments" cascade;`);
  }
}
