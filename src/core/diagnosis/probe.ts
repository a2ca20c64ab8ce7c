import { objectsOf } from '../snapshot/objects.js';
import { quoteIdent } from '../db.js';
import { createObjectSql } from '../repair/reconcile.js';
import type { ScratchDatabase } from '../replay/scratch.js';
import type { SchemaSnapshot } from '../types.js';
import type { HalfRun } from './half-runs.js';

/** The first missing statement that fails on a copy of the live schema, with Postgres's error. */
export interface ReplayProbe {
  migration: string;
  statement: string;
  error: string | null;
}

/** DDL that rebuilds a snapshot's schema (structure only) in the scratch database. */
export function copyDdl(snap: SchemaSnapshot): string[] {
  const out: string[] = [];
  for (const e of Object.values(snap.enums)) out.push(`create type ${quoteIdent(e.name)} as enum (${e.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')});`);
  for (const s of Object.values(snap.sequences)) out.push(`create sequence ${quoteIdent(s.name)};`);
  for (const t of Object.values(snap.tables)) {
    const cols = Object.values(t.columns).map((c) => `${quoteIdent(c.name)} ${c.type}${c.default !== null ? ` default ${c.default}` : ''}${c.nullable ? '' : ' not null'}`);
    out.push(`create table ${quoteIdent(t.name)} (${cols.join(', ')});`);
  }
  const objects = [...objectsOf(snap).values()].map((e) => e.ref);
  for (const kind of ['index', 'foreign-key'] as const) {
    for (const o of objects.filter((x) => x.kind === kind)) {
      const sql = createObjectSql(o, snap);
      if (sql) out.push(sql);
    }
  }
  return out;
}

/**
 * Replays the statements a half-run migration did not complete against a
 * copy of the live schema, and reports the first that fails (a missing
 * extension, a missing referenced table, "already exists").
 */
export async function probeHalfRuns(scratch: ScratchDatabase, live: SchemaSnapshot, runs: HalfRun[]): Promise<ReplayProbe[]> {
  if (!runs.length) return [];
  const out: ReplayProbe[] = [];
  // The copy bears the live schema's name: migrations may qualify names with it (MikroORM does when a schema is configured).
  const copy = quoteIdent(live.schema);
  await scratch.exec(`drop schema if exists ${copy} cascade; create schema ${copy}; set search_path to ${copy}, public;`);
  try {
    // One copy per detection; each half-run is tried in a transaction rolled back afterwards.
    for (const sql of copyDdl(live)) await scratch.exec(sql).catch(() => {});
    for (const run of runs) {
      await scratch.exec('begin');
      let failed: ReplayProbe | null = null;
      try {
        for (const s of run.undone) {
          // CONCURRENTLY cannot run in the probe's transaction; what it builds is the same.
          const sql = s.sql.replace(/\s+concurrently\b/i, '');
          try {
            await scratch.exec(sql);
          } catch (e) {
            failed = { migration: run.migration, statement: s.sql, error: (e as Error).message };
            break;
          }
        }
      } finally {
        await scratch.exec('rollback');
      }
      out.push(failed ?? { migration: run.migration, statement: run.undone[0]?.sql ?? '', error: null });
    }
  } finally {
    await scratch.exec('set search_path to public').catch(() => {});
  }
  return out;
}
