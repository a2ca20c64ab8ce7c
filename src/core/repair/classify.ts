import { displayName, IDENT, nameOf, QNAME } from './blockers.js';

/** What a DDL statement does to data, decided before anything runs. */
export type StatementClass =
  | { kind: 'additive' }
  | { kind: 'destructive'; reason: string }
  | { kind: 'rewrites-data'; reason: string };

const DESTRUCTIVE: [RegExp, string][] = [
  [/\bdrop\s+table\b/i, 'drops a table'],
  [/\bdrop\s+column\b/i, 'drops a column'],
  [/\btruncate\b/i, 'empties a table'],
  [/^\s*delete\s+from\b/i, 'deletes rows'],
  [/^\s*update\s/i, 'changes rows'],
  [/\bdrop\s+(type|sequence|index|constraint|schema|view|function)\b/i, 'drops an object'],
  [/\bdrop\s+default\b/i, 'removes a default'],
  [/\bdrop\s+not\s+null\b/i, 'changes nullability'],
];

const REWRITES: [RegExp, string][] = [
  [/\balter\s+column\s+\S+\s+(set\s+data\s+)?type\b/i, 'changes a column type (may rewrite or reject data)'],
  [/\bset\s+not\s+null\b/i, 'makes a column NOT NULL (fails or needs a backfill when rows hold NULL)'],
  [/\brename\b/i, 'renames an object'],
];

/** Never DROP/TRUNCATE/DELETE/UPDATE; type changes become "needs a human". */
export function classifyStatement(sql: string): StatementClass {
  for (const [re, reason] of DESTRUCTIVE) if (re.test(sql)) return { kind: 'destructive', reason };
  for (const [re, reason] of REWRITES) if (re.test(sql)) return { kind: 'rewrites-data', reason };
  return { kind: 'additive' };
}

/** `alter table "t" add column "c" <type> not null` with no default: fails on a table with rows. */
export function addsNotNullWithoutDefault(sql: string): { table: string; column: string } | null {
  const m = /alter\s+table\s+(?:"[^"]+"\.)?"([^"]+)"\s+add\s+column\s+(?:if\s+not\s+exists\s+)?"([^"]+)"\s+([^;]*)/i.exec(sql);
  if (!m) return null;
  const rest = m[3] ?? '';
  if (/\bnot\s+null\b/i.test(rest) && !/\bdefault\b/i.test(rest) && !/\b(serial|bigserial|smallserial)\b/i.test(rest)) {
    return { table: m[1]!, column: m[2]! };
  }
  return null;
}

/** The table a statement touches, for the "what it locks" column; names as `schema.table`, quoted when they need it. */
export function lockOf(sql: string, schema: string): string {
  const s = sql.trim();
  const at = (n: { schema: string | null; name: string }) => displayName(n.schema ?? schema, n.name);
  let m = new RegExp(String.raw`^create\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?${QNAME}`, 'i').exec(s);
  if (m) return `new table ${at(nameOf(m[1], m[2]))} (no lock on existing data)`;
  m = new RegExp(String.raw`^create\s+(?:unique\s+)?index\s+(concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:${IDENT}\s+)?on\s+(?:only\s+)?${QNAME}`, 'i').exec(s);
  if (m) return m[1] ? `SHARE UPDATE EXCLUSIVE on ${at(nameOf(m[2], m[3]))} (writes continue)` : `SHARE on ${at(nameOf(m[2], m[3]))} (blocks writes while it builds)`;
  m = new RegExp(String.raw`^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${QNAME}\s+add\s+constraint\s+${IDENT}\s+foreign\s+key.*?references\s+${QNAME}`, 'is').exec(s);
  if (m) return `SHARE ROW EXCLUSIVE on ${at(nameOf(m[1], m[2]))} and ${at(nameOf(m[3], m[4]))}`;
  m = new RegExp(String.raw`^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${QNAME}`, 'i').exec(s);
  if (m) return `ACCESS EXCLUSIVE on ${at(nameOf(m[1], m[2]))} (held until COMMIT; no table rewrite)`;
  m = new RegExp(String.raw`^reindex\s+index\s+(?:concurrently\s+)?${QNAME}`, 'i').exec(s);
  if (m) return `ACCESS EXCLUSIVE on index ${nameOf(m[1], m[2]).name}, SHARE on its table`;
  if (/^create\s+(type|sequence)/i.test(s)) return 'none (new object)';
  if (/^create\s+schema/i.test(s)) return 'none (new schema)';
  m = new RegExp(String.raw`^alter\s+type\s+${QNAME}`, 'i').exec(s);
  if (m) return `ACCESS EXCLUSIVE on type ${at(nameOf(m[1], m[2]))} (held until COMMIT)`;
  return 'see statement';
}
