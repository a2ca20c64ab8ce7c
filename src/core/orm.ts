import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';

/** The sample application shipped with drift-doctor (the system from the incident). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_ENTITIES_DIR = path.join(PROJECT_ROOT, 'entities');
export const SAMPLE_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');

export interface OrmOptions {
  /** Connection URL (may contain a password; never printed). */
  url: string;
  schema?: string;
  ledgerTable?: string;
  /** Schema of the ledger table, when it differs from `schema`. */
  ledgerSchema?: string;
  entitiesDir?: string;
  migrationsDir?: string;
  /** One pooled connection: required for PGlite over its socket. */
  singleConnection?: boolean;
  /** Migrator runs everything in one transaction (MikroORM's default). */
  allOrNothing?: boolean;
  /** Every session is `default_transaction_read_only` (detection, introspection). */
  readOnly?: boolean;
}

/**
 * Loads the entity schemas exported by `<dir>/index.ts` (or `.js`): either an
 * `entities` array or every exported `EntitySchema`.
 */
export async function loadEntities(dir: string = SAMPLE_ENTITIES_DIR): Promise<EntitySchema[]> {
  const candidates = ['index.ts', 'index.js', 'index.mjs'].map((f) => path.join(dir, f));
  const fs = await import('node:fs');
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no index.ts or index.js in entities directory ${dir}`);
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  if (Array.isArray(mod.entities)) return mod.entities as EntitySchema[];
  return Object.values(mod).filter((v): v is EntitySchema => v instanceof EntitySchema);
}

/**
 * Opens MikroORM on a database with the project's entities and migrations.
 * Discovery only; it connects lazily and never creates the ledger by itself.
 */
export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  const entities = await loadEntities(options.entitiesDir);
  const schema = options.schema ?? 'public';
  const ledgerTable = options.ledgerTable ?? 'mikro_orm_migrations';
  const ledgerSchema = options.ledgerSchema ?? schema;
  return MikroORM.init({
    clientUrl: options.url,
    schema,
    entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    debug: false,
    allowGlobalContext: true,
    ensureDatabase: false,
    ...(options.readOnly ? { driverOptions: { connection: { options: '-c default_transaction_read_only=on' } } } : {}),
    pool: options.singleConnection ? { min: 1, max: 1 } : { min: 0, max: 4 },
    // MikroORM's own import() lives in node_modules and cannot load .ts under vitest.
    dynamicImportProvider: (id: string) => import(id),
    migrations: {
      path: options.migrationsDir ?? SAMPLE_MIGRATIONS_DIR,
      glob: '!(*.d).{js,ts}',
      tableName: ledgerSchema === schema ? ledgerTable : `${ledgerSchema}.${ledgerTable}`,
      snapshot: false,
      silent: true,
      transactional: true,
      allOrNothing: options.allOrNothing ?? true,
      emit: 'ts',
    },
  });
}
