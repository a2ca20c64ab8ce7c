import { quoteIdent } from '../db.js';
import { takeSnapshot } from '../snapshot/snapshot.js';
import { deltaOf } from '../snapshot/objects.js';
import type { MigrationFootprint, SchemaSnapshot, StatementFootprint } from '../types.js';
import type { LoadedMigration } from './files.js';
import type { ScratchDatabase } from './scratch.js';

export interface ReplayResult {
  footprints: MigrationFootprint[];
  /** The schema all migration files produce, in order, on an empty database. */
  expected: SchemaSnapshot;
}

/** A fresh schema named `schema` in the scratch database, first on the search_path. */
async function freshSchema(scratch: ScratchDatabase, schema: string): Promise<void> {
  const q = quoteIdent(schema);
  await scratch.exec(`drop schema if exists ${q} cascade; create schema ${q}; set search_path to ${q}, public;`);
}

/**
 * Replays every migration, one statement at a time, into a fresh schema of
 * the scratch database, snapshotting after each statement so every object is
 * attributed to the statement (and migration) that creates or alters it.
 *
 * The scratch schema bears the target's name: MikroORM qualifies names with
 * a configured schema (`create table "Billing Ops"."user"`), so only a schema
 * of that name catches what such migrations create.
 */
export async function replayMigrations(
  scratch: ScratchDatabase,
  migrations: LoadedMigration[],
  onMigration?: (name: string, index: number, total: number) => void,
  schema = 'dd_replay',
): Promise<ReplayResult> {
  await freshSchema(scratch, schema);
  let current = await takeSnapshot(scratch, { schema });
  const footprints: MigrationFootprint[] = [];
  try {
    for (const [index, m] of migrations.entries()) {
      onMigration?.(m.name, index, migrations.length);
      // The embedded database works on this thread: a turn of the event loop lets a front end draw the progress.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const statements: StatementFootprint[] = [];
      for (const sql of m.statements) {
        let error: string | undefined;
        try {
          await scratch.exec(sql);
        } catch (e) {
          error = (e as Error).message;
        }
        const after = await takeSnapshot(scratch, { schema });
        const delta = deltaOf(current, after);
        current = after;
        statements.push({ sql, creates: delta.created, alters: delta.altered, ...(error ? { error } : {}) });
      }
      footprints.push({
        migration: m.name,
        creates: statements.flatMap((s) => s.creates),
        alters: statements.flatMap((s) => s.alters),
        statements,
        nonTransactional: m.nonTransactional,
      });
    }
  } finally {
    await scratch.exec('set search_path to public');
  }
  return { footprints, expected: current };
}

/**
 * The schema the entity models describe, built from MikroORM's create DDL in
 * the scratch database (in a schema of the target's name, as above; it
 * replaces whatever the replay left there).
 */
export async function modelSnapshot(scratch: ScratchDatabase, createSql: string, schema = 'dd_models'): Promise<SchemaSnapshot> {
  await freshSchema(scratch, schema);
  try {
    await scratch.exec(createSql);
    return await takeSnapshot(scratch, { schema });
  } finally {
    await scratch.exec('set search_path to public');
  }
}
