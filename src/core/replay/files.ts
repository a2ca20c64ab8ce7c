import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DriftDoctorError } from '../errors.js';

export interface MigrationFile {
  /** Ledger name: the file's base name without extension, as MikroORM records it. */
  name: string;
  path: string;
}

/** Migration files in the order MikroORM's Migrator runs them (plain string sort of paths). */
export function listMigrationFiles(dir: string): MigrationFile[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    const why = (e as { code?: string }).code === 'ENOENT' ? 'it does not exist' : (e as { code?: string }).code === 'ENOTDIR' ? 'it is not a folder' : (e as Error).message;
    throw new DriftDoctorError(`cannot read the migrations folder ${dir}: ${why}`, 'pass the project\'s migrations folder with --migrations DIR');
  }
  return entries
    .filter((f) => /\.(ts|js|mjs|cjs)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f))
    .sort()
    .map((p) => ({ name: path.basename(p).replace(/\.(ts|js|mjs|cjs)$/, ''), path: p }));
}

export interface LoadedMigration {
  name: string;
  statements: string[];
  nonTransactional: boolean;
}

interface MigrationLike {
  up(): Promise<void> | void;
  isTransactional(): boolean;
  getQueries(): unknown[];
}
type MigrationCtor = new (driver: unknown, config: unknown) => MigrationLike;

function toSql(q: unknown): string {
  if (typeof q === 'string') return q;
  const raw = q as { toQuery?: () => string; toString: () => string };
  return raw.toQuery ? raw.toQuery() : raw.toString();
}

/**
 * Reads a migration's SQL without running it: instantiate, `up()`, collect
 * `getQueries()`. The class is found the way MikroORM finds it (first function export).
 */
export async function loadMigration(orm: MikroORM, file: MigrationFile): Promise<LoadedMigration> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file.path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new DriftDoctorError(`cannot load migration ${file.name}: ${(e as Error).message}`, 'check the file compiles; drift-doctor loads .ts migrations through tsx');
  }
  const Cls = Object.values(mod).find((v) => typeof v === 'function') as MigrationCtor | undefined;
  if (!Cls) throw new DriftDoctorError(`migration ${file.name} exports no class`, 'each migration file must export one Migration class');
  const instance = new Cls(orm.em.getDriver(), orm.config);
  await instance.up();
  return { name: file.name, statements: instance.getQueries().map(toSql), nonTransactional: !instance.isTransactional() };
}
