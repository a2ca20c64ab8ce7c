import type { Queryable } from '../db.js';
import { qualified } from '../db.js';
import type { RepairPlan } from '../types.js';

/** Where the plan writes: the application schema and the ledger. */
export interface PreflightTarget {
  schema: string;
  ledgerSchema: string;
  ledgerTable: string;
}

/** Tables named by `alter table` in the plan's SQL: altering needs their owner's rights. */
function alteredTables(plan: RepairPlan): string[] {
  const names = new Set<string>();
  for (const step of plan.steps) {
    for (const m of step.sql.matchAll(/\balter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?((?:"(?:[^"]|"")+"|[\w$]+)(?:\.(?:"(?:[^"]|"")+"|[\w$]+))?)/gi)) {
      const parts = m[1]!.match(/"(?:[^"]|"")+"|[\w$]+/g) ?? [];
      names.add(parts.map((p) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p.toLowerCase())).at(-1)!);
    }
  }
  return [...names];
}

/**
 * What this role may not do that the plan needs, in words ("INSERT on
 * public.mikro_orm_migrations", "CREATE on schema public", "ownership of
 * public.agents"); empty when it may do all of it. Read from the catalogs
 * before anything runs, so a role without the rights is told so instead of
 * finding out at step 1 inside the transaction.
 */
export async function privilegeGaps(db: Queryable, plan: RepairPlan, target: PreflightTarget): Promise<string[]> {
  const kinds = new Set(plan.steps.map((s) => s.kind));
  const ledgerRights = [
    kinds.has('ledger-record') ? 'INSERT' : null,
    kinds.has('ledger-unrecord') ? 'DELETE' : null,
    kinds.has('ledger-rename') ? 'UPDATE' : null,
  ].filter((r): r is string => r !== null);
  const createsInSchema = kinds.has('ddl') || kinds.has('migration-statement');
  const ledger = qualified(target.ledgerSchema, target.ledgerTable);
  const { rows } = await db.query<{ ledger_exists: boolean; ledger_missing: string[] | null; schema_create: boolean; ledger_schema_create: boolean; not_owned: string[] | null }>(
    `select to_regclass($1) is not null as ledger_exists,
            case when to_regclass($1) is null then null else
              array(select r from unnest($2::text[]) r where not has_table_privilege(to_regclass($1), r)) end as ledger_missing,
            has_schema_privilege($3, 'CREATE') as schema_create,
            has_schema_privilege($4, 'CREATE') as ledger_schema_create,
            array(select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname = $3 and c.relname = any($5::text[]) and not pg_has_role(c.relowner, 'USAGE')) as not_owned`,
    [ledger, ledgerRights, target.schema, target.ledgerSchema, alteredTables(plan)],
  );
  const row = rows[0]!;
  const gaps: string[] = [];
  if (row.ledger_exists) {
    if (row.ledger_missing?.length) gaps.push(`${row.ledger_missing.join(', ')} on ${target.ledgerSchema}.${target.ledgerTable}`);
  } else if (ledgerRights.length && !row.ledger_schema_create) {
    gaps.push(`CREATE on schema ${target.ledgerSchema} (for the ledger table)`);
  }
  if (createsInSchema && !row.schema_create) gaps.push(`CREATE on schema ${target.schema}`);
  for (const table of row.not_owned ?? []) gaps.push(`ownership of ${target.schema}.${table} (only its owner may alter it)`);
  return gaps;
}
