import type { Scenario } from './types.js';
import { seedIncident } from './s01-seed-incident.js';
import { stampedWithoutRunning } from './s02-stamped-without-running.js';
import { droppedAfterApply } from './s03-dropped-after-apply.js';
import { failedMidway } from './s04-failed-midway.js';
import { recreatedWithoutMigrations } from './s05-recreated-without-migrations.js';
import { outOfBandObjects } from './s06-out-of-band-objects.js';
import { ledgerNameMismatch } from './s07-ledger-name-mismatch.js';
import { dbAheadOfCode } from './s08-db-ahead-of-code.js';
import { schemaWithoutLedger } from './s09-schema-without-ledger.js';
import { ledgerElsewhere } from './s10-ledger-elsewhere.js';

export type { Scenario, ScenarioTarget } from './types.js';

/** The database states of /work/shared/scenarios/README.md, each built by doing what caused it. */
export const scenarios: Scenario[] = [
  seedIncident,
  stampedWithoutRunning,
  droppedAfterApply,
  failedMidway,
  recreatedWithoutMigrations,
  outOfBandObjects,
  ledgerNameMismatch,
  dbAheadOfCode,
  schemaWithoutLedger,
  ledgerElsewhere,
];

/** By name ('seed-incident') or id ('S01', 's1', '1'); case-insensitive. */
export function findScenario(nameOrId: string): Scenario | undefined {
  const key = nameOrId.trim().toLowerCase();
  const num = /^s?0*(\d+)$/.exec(key)?.[1];
  return scenarios.find((s) => s.name === key || s.id.toLowerCase() === key || (num !== undefined && Number(s.id.slice(1)) === Number(num)));
}
export { ScenarioRefused } from './steps.js';
