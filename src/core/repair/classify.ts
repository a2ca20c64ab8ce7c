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

/** The table a statement touches, for the "what it locks" column. */
export function lockOf(sql: string, schema: string): string {
  const s = sql.trim();
  let m = /^create\s+table\s+(?:if\s+not\s+exists\s+)?(?:"[^"]+"\.)?"?([^"\s(]+)"?/i.exec(s);
  if (m) return `new table ${schema}.${m[1]} (no lock on existing data)`;
  m = /^create\s+(?:unique\s+)?index\s+(concurrently\s+)?(?:if\s+not\s+exists\s+)?\S+\s+on\s+(?:"[^"]+"\.)?"?([^"\s(]+)"?/i.exec(s);
  if (m) return m[1] ? `SHARE UPDATE EXCLUSIVE on ${schema}.${m[2]} (writes continue)` : `SHARE on ${schema}.${m[2]} (blocks writes while it builds)`;
  m = /^alter\s+table\s+(?:"[^"]+"\.)?"?([^"\s]+)"?\s+add\s+constraint\s+\S+\s+foreign\s+key.*references\s+(?:"[^"]+"\.)?"?([^"\s(]+)"?/i.exec(s);
  if (m) return `SHARE ROW EXCLUSIVE on ${schema}.${m[1]} and ${schema}.${m[2]}`;
  m = /^alter\s+table\s+(?:"[^"]+"\.)?"?([^"\s]+)"?/i.exec(s);
  if (m) return `ACCESS EXCLUSIVE on ${schema}.${m[1]} (brief, no rewrite)`;
  m = /^reindex\s+index\s+(?:"[^"]+"\.)?"?([^"\s;]+)"?/i.exec(s);
  if (m) return `ACCESS EXCLUSIVE on index ${m[1]}, SHARE on its table`;
  if (/^create\s+(type|sequence)/i.test(s)) return 'none (new object)';
  if (/^alter\s+type/i.test(s)) return 'ACCESS EXCLUSIVE on the type (brief)';
  return 'see statement';
}
