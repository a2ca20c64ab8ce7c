import { PGlite } from '@electric-sql/pglite';
import type { Queryable } from '../db.js';

/** An embedded, in-memory Postgres used to replay migrations; never the target. */
export interface ScratchDatabase extends Queryable {
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export async function openScratch(): Promise<ScratchDatabase> {
  const db = await PGlite.create();
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const res = await db.query<T>(sql, params);
      return { rows: res.rows };
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
    },
  };
}
