import type { Queryable } from '../db.js';
import { inSavepoint, qualified } from '../db.js';
import type { SchemaSnapshot } from '../types.js';
import type { ReplayProbe } from './probe.js';

/** Facts about the live database beyond the schema snapshot, read in the same read-only transaction. */
export interface LiveFacts {
  /** When the database directory was created (`pg_stat_file`), or null when not readable. */
  databaseCreatedAt: string | null;
  /** Why `databaseCreatedAt` is missing, in words. */
  databaseCreatedAtGap: string | null;
  /** `is_called` of sequences no column owns. */
  unownedSequences: Record<string, boolean | null>;
  /** Ledger-like tables (columns name + executed_at) anywhere in the database. */
  ledgerLike: { schema: string; table: string; rows: number }[];
  /** Half-run migrations replayed on a copy of the live schema. */
  replayProbes: ReplayProbe[];
  /** Other schemas holding tables the migrations make, with how many. */
  tablesElsewhere: { schema: string; tables: number }[];
}

export async function readDatabaseCreatedAt(db: Queryable): Promise<{ at: string | null; gap: string | null }> {
  return inSavepoint<{ at: string | null; gap: string | null }>(db, async () => {
    const res = await db.query<{ at: Date | null }>(
      `select (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification as at from pg_database d where d.datname = current_database()`,
    );
    const at = res.rows[0]?.at;
    return { at: at ? new Date(at).toISOString() : null, gap: null };
  }, (e) => {
    const code = (e as { code?: string }).code;
    return {
      at: null,
      gap: code === '42501'
        ? 'the role may not call pg_stat_file, so the database creation time is unknown (grant pg_read_server_files to see it)'
        : `the database creation time could not be read (${(e as Error).message})`,
    };
  });
}

export async function readUnownedSequences(db: Queryable, live: SchemaSnapshot): Promise<Record<string, boolean | null>> {
  const out: Record<string, boolean | null> = {};
  for (const s of Object.values(live.sequences)) {
    if (s.ownedBy) continue;
    out[s.name] = await inSavepoint(
      db,
      async () => (await db.query<{ is_called: boolean }>(`select is_called from ${qualified(live.schema, s.name)}`)).rows[0]?.is_called ?? null,
      () => null,
    );
  }
  return out;
}
