import { Migration } from '@mikro-orm/migrations';

/** Tools get a version, an approval flag, a timeout and an optional owning agent. */
export class Migration011AddToolSettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tools" add column "version" varchar(32) not null default '1.0.0', add column "requires_approval" boolean not null default false, add column "timeout_ms" int not null default 30000, add column "owner_agent_id" int null;`);
    this.addSql(`alter table "tools" add constraint "tools_owner_agent_id_foreign" foreign key ("owner_agent_id") references "agents" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "tools" drop constraint "tools_owner_agent_id_foreign";`);
    this.addSql(`alter table "tools" drop column "version", drop column "requires_approval", drop column "timeout_ms", drop column "owner_agent_id";`);
  }
}
