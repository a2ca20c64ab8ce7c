import type { DetectOutcome } from '../../core/engine.js';
import type { ApplyResult, ConnectionInfo, RepairPlan, VerifyResult } from '../../core/types.js';
import { chosenPlan, rehearsalOfChosen, type WizardState } from './wizard-state.js';

/**
 * What the incident report is written from: the walk as it went. Field for
 * field a subset of `IncidentRecord` in src/report/incident.ts (a writer
 * taking that type can be passed as `writeReport`), declared here so the
 * wizard does not depend on the report's module to build.
 */
export interface WizardRecord {
  connection: ConnectionInfo;
  detected: DetectOutcome;
  plan?: RepairPlan;
  result?: ApplyResult;
  rehearsal?: ApplyResult;
  verify?: VerifyResult;
  /** The walk stopped with an engine error instead of a result. */
  error?: { message: string; hint?: string };
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string;
}

/**
 * The walk so far as a report's record; null before detection ended (a
 * report needs at least what was found). The plan only once it was run or
 * rehearsed: a plan merely looked at is not part of what happened.
 */
export function wizardRecord(state: WizardState, startedAt: Date, finishedAt: Date): WizardRecord | null {
  if (!state.connection || !state.outcome) return null;
  const plan = chosenPlan(state);
  const rehearsal = rehearsalOfChosen(state);
  // A repair that stopped with an error was still chosen and confirmed: its plan is part of what happened.
  const attempted = state.error !== null && (state.error.during === 'applying' || state.error.during === 'verifying');
  const ran = state.applyResult !== null || rehearsal !== null || attempted;
  return {
    connection: state.connection,
    detected: state.outcome,
    ...(plan && ran ? { plan } : {}),
    ...(state.applyResult ? { result: state.applyResult } : {}),
    ...(rehearsal ? { rehearsal } : {}),
    ...(state.verify ? { verify: state.verify } : {}),
    ...(state.error ? { error: { message: state.error.message, ...(state.error.hint ? { hint: state.error.hint } : {}) } } : {}),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
  };
}
