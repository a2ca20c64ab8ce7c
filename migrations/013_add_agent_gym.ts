import { Migration } from '@mikro-orm/migrations';

/** The agent gym: tests, test runs, benchmarks and benchmark runs. */
export class Migration013AddAgentGym extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "agent_tests" ("id" serial primary key, "name" varchar(200) not null, "description" text null, "category" varchar(50) not null default 'general', "input" jsonb not null, "expected_output" jsonb null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "agent_tests" add constraint "agent_tests_name_unique" unique ("name");`);
    this.addSql(`create table "agent_test_runs" ("id" serial primary key, "test_id" int not null, "agent_id" int not null, "passed" boolean not null, "score" double precision null, "output" jsonb null, "duration_ms" int null, "run_at" timestamptz not null default now());`);
    this.addSql(`create table "agent_benchmarks" ("id" serial primary key, "name" varchar(200) not null, "description" text null, "suite" jsonb not null, "version" int not null default 1, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "agent_benchmarks" add constraint "agent_benchmarks_name_unique" unique ("name");`);
    this.addSql(`create table "agent_benchmark_runs" ("id" uuid not null default gen_random_uuid(), "benchmark_id" int not null, "agent_id" int not null, "total_score" double precision null, "results" jsonb null, "started_at" timestamptz not null default now(), "finished_at" timestamptz null, constraint "agent_benchmark_runs_pkey" primary key ("id"));`);
    this.addSql(`alter table "agent_test_runs" add constraint "agent_test_runs_test_id_foreign" foreign key ("test_id") references "agent_tests" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agent_test_runs" add constraint "agent_test_runs_agent_id_foreign" foreign key ("agent_id") references "agents" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agent_benchmark_runs" add constraint "agent_benchmark_runs_benchmark_id_foreign" foreign key ("benchmark_id") references "agent_benchmarks" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "agent_benchmark_runs" add constraint "agent_benchmark_runs_agent_id_foreign" foreign key ("agent_id") references "agents" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agent_benchmark_runs" cascade;`);
    this.addSql(`drop table if exists "agent_benchmarks" cascade;`);
    this.addSql(`drop table if exists "agent_test_runs" cascade;`);
    this.addSql(`drop table if exists "agent_tests" cascade;`);
  }
}
