import { openOrm } from '../../src/core/orm.js';

/** What the sample application's own `migration:up` would run now (does not run it). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const orm = await openOrm({ url });
  try {
    return (await orm.migrator.getPendingMigrations()).map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}

/** Runs the sample application's migrator `up` (two runs around the non-transactional 018, as the app would). */
export async function migratorUp(url: string): Promise<string[]> {
  const orm = await openOrm({ url, allOrNothing: false });
  try {
    return (await orm.migrator.up()).map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
