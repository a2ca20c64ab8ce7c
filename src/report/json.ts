import type { DetectOutcome } from '../core/engine.js';
import type { UndoOutcome } from '../core/repair/undo.js';
import type { ApplyResult, ConnectionInfo, RepairPlan } from '../core/types.js';

/**
 * The version of every `--json` document. It changes only when a field is
 * renamed, removed or changes meaning; new fields may appear without it.
 */
export const JSON_SCHEMA_VERSION = 1;

/** Fields every `--json` document starts with. */
interface Envelope {
  schemaVersion: typeof JSON_SCHEMA_VERSION;
  command: 'check' | 'repair' | 'undo';
  /** The process's exit code, so a consumer reading a saved document knows it too. */
  exitCode: number;
}

/** `check --json`: the drift report's fields at the top level, the diagnosis under `diagnosis`. */
export function checkJson(outcome: DetectOutcome, exitCode: number): Envelope & DetectOutcome['report'] & { diagnosis: DetectOutcome['diagnosis'] } {
  return { schemaVersion: JSON_SCHEMA_VERSION, command: 'check', exitCode, ...outcome.report, diagnosis: outcome.diagnosis };
}

export type RepairMode = 'dry-run' | 'rehearse' | 'apply';

/**
 * `repair --json`. `inSync` is the state before the repair (true: nothing to
 * do, `plan` is null); `result` is null for a dry run or a refused plan.
 */
export function repairJson(input: {
  mode: RepairMode;
  exitCode: number;
  outcome: DetectOutcome;
  plan: RepairPlan | null;
  result: ApplyResult | null;
}): Envelope & {
  mode: RepairMode;
  rehearsal: boolean;
  connection: ConnectionInfo;
  inSync: boolean;
  counts: DetectOutcome['report']['counts'];
  diagnosis: DetectOutcome['diagnosis'];
  plan: RepairPlan | null;
  result: ApplyResult | null;
} {
  const { outcome } = input;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    command: 'repair',
    exitCode: input.exitCode,
    mode: input.mode,
    rehearsal: input.mode === 'rehearse',
    connection: outcome.report.connection,
    inSync: outcome.report.inSync,
    counts: outcome.report.counts,
    diagnosis: outcome.diagnosis,
    plan: input.plan,
    result: input.result,
  };
}

/** `undo --json`: the undo plan and, with `--yes`, its result. */
export function undoJson(outcome: UndoOutcome, exitCode: number): Envelope & UndoOutcome {
  return { schemaVersion: JSON_SCHEMA_VERSION, command: 'undo', exitCode, ...outcome };
}

/** Any command's `--json` when it stopped with an error or a question it needed answered: still one JSON document on stdout. */
export function errorJson(command: string, exitCode: number, error: { message: string; hint: string }): {
  schemaVersion: typeof JSON_SCHEMA_VERSION;
  command: string;
  exitCode: number;
  error: { message: string; hint: string };
} {
  return { schemaVersion: JSON_SCHEMA_VERSION, command, exitCode, error };
}
