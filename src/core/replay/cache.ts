import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDirectories } from '../make-dirs.js';
import type { MigrationFootprint, SchemaSnapshot } from '../types.js';

/** Bump when replay, snapshot or footprint logic changes what is stored. */
const CACHE_VERSION = 'history-v1';

export interface History {
  footprints: MigrationFootprint[];
  expected: SchemaSnapshot;
  models: SchemaSnapshot;
  files: string[];
}

const memory = new Map<string, History>();

/** Source files under a folder (no node_modules, no sockets or other special files). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...filesUnder(p));
    else if (st.isFile() && /\.(ts|tsx|js|mjs|cjs|json)$/.test(name)) out.push(p);
  }
  return out;
}

/** Content hash of the migration files, the entity models and the schema they are replayed into: replay is a pure function of them. */
export function historyKey(migrationFiles: string[], entitiesDir: string, schema = 'public'): string {
  const h = createHash('sha256').update(CACHE_VERSION).update('\0').update(schema).update('\0');
  for (const f of migrationFiles) h.update(path.basename(f)).update('\0').update(readFileSync(f)).update('\0');
  h.update('\0entities\0');
  for (const f of filesUnder(entitiesDir)) h.update(path.relative(entitiesDir, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 24);
}

function cacheDir(): string {
  return process.env.DRIFT_DOCTOR_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'drift-doctor');
}

export function readHistory(key: string): History | undefined {
  const hit = memory.get(key);
  if (hit) return hit;
  try {
    const h = JSON.parse(readFileSync(path.join(cacheDir(), `${key}.json`), 'utf8')) as History;
    memory.set(key, h);
    return h;
  } catch {
    return undefined;
  }
}

export function writeHistory(key: string, history: History): void {
  memory.set(key, history);
  try {
    makeDirectories(cacheDir());
    writeFileSync(path.join(cacheDir(), `${key}.json`), JSON.stringify(history));
  } catch {
    // A cache that cannot be written only costs time.
  }
}
