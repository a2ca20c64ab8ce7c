import type { DetectOutcome } from '../../core/engine.js';
import type { ApplyResult, ConnectionInfo, RepairPlan, VerifyResult } from '../../core/types.js';
import { chosenPlan, rehearsalOfChosen, type WizardState } from '../ink/wizard-state.js';

/**
 * What a walk leaves for the incident report. Declared here, field for field
 * as src/report/incident.ts is specified (`IncidentRecord`), because that
 * module is being written alongside this one; once it lands, this becomes a
 * re-export of its type.
 */
export interface IncidentRecord {
  connection: ConnectionInfo;
  detected: DetectOutcome;
  /** The plan the operator chose, if they got that far. */
  plan?: RepairPlan;
  /** The real apply. */
  result?: ApplyResult;
  /** The latest rehearsal of the chosen plan. */
  rehearsal?: ApplyResult;
  verify?: VerifyResult;
  /** The walk stopped with an engine error instead of a result. */
  error?: { message: string; hint?: string };
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string;
}

/**
 * The record of the walk so far; null before detection finished (there is
 * nothing to report). As the Ink wizard records it: the plan only once it
 * ran or was rehearsed (a plan merely looked at is not part of what happened).
 */
export function incidentRecord(state: WizardState, startedAt: string): IncidentRecord | null {
  if (!state.connection || !state.outcome) return null;
  const plan = chosenPlan(state);
  const rehearsal = rehearsalOfChosen(state);
  const ran = state.applyResult !== null || rehearsal !== null;
  const error = state.error;
  return {
    connection: state.connection,
    detected: state.outcome,
    ...(plan && ran ? { plan } : {}),
    ...(state.applyResult ? { result: state.applyResult } : {}),
    ...(rehearsal ? { rehearsal } : {}),
    ...(state.verify ? { verify: state.verify } : {}),
    ...(error ? { error: { message: error.message, ...(error.hint ? { hint: error.hint } : {}) } } : {}),
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}
