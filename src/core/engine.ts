import type {
  ApplyProgress,
  ApplyResult,
  ConnectionInfo,
  Diagnosis,
  DriftReport,
  RepairPlan,
  Strategy,
  VerifyResult,
} from './types.js';

/** Phases of detection, reported while it runs. */
export type DetectPhase = 'ledger' | 'files' | 'replay' | 'live' | 'models' | 'compare' | 'diagnose';

export interface DetectProgress {
  phase: DetectPhase;
  /** e.g. `replaying 007_add_task_queues (7/20)`. */
  message: string;
}

export interface DetectOutcome {
  report: DriftReport;
  diagnosis: Diagnosis;
}

/**
 * What a front end (Ink wizard, plain prompts, CLI flags) may ask of the
 * engine. Every value returned is plain data; nothing here prints or exits.
 */
export interface Engine {
  /** Connects and describes where we are; throws a DriftDoctorError when it cannot. */
  connect(): Promise<ConnectionInfo>;
  /** Read-only: ledger, files, replay, live snapshot, models, comparison, diagnosis. */
  detect(onProgress?: (p: DetectProgress) => void): Promise<DetectOutcome>;
  /** Pure planning from a detection outcome; runs nothing on the target. */
  plan(strategy: Strategy, outcome: DetectOutcome): Promise<RepairPlan>;
  /**
   * One transaction with advisory lock and timeouts, verification inside it,
   * COMMIT only when it verifies; then any non-transactional phases.
   * `rehearse` runs the same and rolls back: proof the plan works, nothing kept.
   */
  apply(plan: RepairPlan, onProgress?: (p: ApplyProgress) => void, options?: { rehearse?: boolean }): Promise<ApplyResult>;
  /** Detects again and compares with `before`. */
  verify(before: DetectOutcome): Promise<VerifyResult>;
  close(): Promise<void>;
}
