import { maskSecrets } from '../../core/connect/url.js';
import { checkExhaustive, type CauseId, type PlanStep, type RepairPlan, type Strategy } from '../../core/types.js';

/** The cause in a few words, as the Explain screen titles it. */
export function causeTitle(id: CauseId): string {
  switch (id) {
    case 'in-sync':
      return 'Ledger and schema agree';
    case 'dropped-after-apply':
      return 'Applied, then tables dropped';
    case 'stamped-without-running':
      return 'Ledger stamped by hand, migrations never run';
    case 'failed-midway':
      return 'Applied with errors that were ignored';
    case 'recreated-without-migrations':
      return 'Database recreated or restored, migrations not re-applied';
    case 'out-of-band-objects':
      return 'Objects created outside the migrations';
    case 'ledger-name-mismatch':
      return 'Ledger names differ from the migration files';
    case 'ledger-elsewhere':
      return 'The ledger lives in another schema or table';
    case 'db-ahead-of-code':
      return 'Database is ahead of this code';
    case 'schema-without-ledger':
      return 'Schema exists but there is no ledger';
    case 'unknown':
      return 'Unknown';
    default:
      return checkExhaustive(id);
  }
}

/** The three strategies in their fixed order (before the recommended one is moved first). */
export const STRATEGIES: readonly Strategy[] = ['create-all', 'rerun', 'sync-ledger'];

/** What the strategy does, in a few words. */
export function strategyTitle(strategy: Strategy): string {
  switch (strategy) {
    case 'create-all':
      return 'Create what is missing from the models, then sync the ledger';
    case 'rerun':
      return 'Re-run the migrations whose effects are absent';
    case 'sync-ledger':
      return 'Sync the ledger only (schema untouched)';
    default:
      return checkExhaustive(strategy);
  }
}

/** What kind of step this is and what it touches, in a few words. */
export function stepTag(step: PlanStep): string {
  switch (step.kind) {
    case 'ddl':
      return step.object ? `schema change: ${step.object}` : 'schema change';
    case 'migration-statement':
      return `statement of ${step.migration}`;
    case 'ledger-record':
      return `ledger: record ${step.migration}`;
    case 'ledger-unrecord':
      return `ledger: un-record ${step.migration}`;
    case 'ledger-rename':
      return `ledger: rename ${step.from} → ${step.migration}`;
    default:
      return checkExhaustive(step);
  }
}

/** What the spinner says while connecting: where to, never a password (a URL's is masked). */
export function connectingMessage(target: string | undefined): string {
  return target ? `Connecting to ${maskSecrets(target, null)}…` : 'Connecting to the database…';
}

/** How the steps split between the transaction and the phase after COMMIT, as Confirm says it (both front ends). */
export function splitSentence(plan: RepairPlan): string {
  const after = plan.steps.filter((s) => s.outsideTransaction).length;
  const inside = plan.steps.length - after;
  const tx = 'in one transaction (verified before COMMIT, rolled back on any error)';
  if (after === 0) return `${inside === 1 ? 'It runs' : `All ${inside} run`} ${tx}; none after COMMIT.`;
  return `${inside} ${tx}, then ${after} after COMMIT (non-transactional, idempotent: if one fails, running the repair again resumes it).`;
}
