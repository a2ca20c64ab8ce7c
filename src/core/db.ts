/** The least a database handle must do: pg's Client and PGlite both fit. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** Double-quotes an identifier for SQL (names read from catalogs or config). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Single-quotes a literal for SQL text shown in previews. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * Runs `fn` inside a savepoint, so that a failing statement (a missing
 * privilege, say) does not abort the surrounding transaction.
 */
export async function inSavepoint<T>(db: Queryable, fn: () => Promise<T>, fallback: (e: unknown) => T): Promise<T> {
  await db.query('savepoint dd_probe');
  try {
    const out = await fn();
    await db.query('release savepoint dd_probe');
    return out;
  } catch (e) {
    await db.query('rollback to savepoint dd_probe');
    return fallback(e);
  }
}
