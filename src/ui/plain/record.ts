import type { IncidentRecord } from '../../report/incident.js';
import { chosenPlan, rehearsalOfChosen, type WizardState } from '../ink/wizard-state.js';

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
