import type { DetectOutcome, DetectPhase, DetectProgress, Engine } from '../../src/core/engine.js';
import type {
  ApplyProgress,
  ApplyResult,
  ConnectionInfo,
  Diagnosis,
  DriftReport,
  RepairPlan,
  StepTiming,
  Strategy,
  VerifyResult,
} from '../../src/core/types.js';
import * as incident from './fixtures.js';

export interface FixtureOptions {
  connection?: ConnectionInfo;
  report?: DriftReport;
  diagnosis?: Partial<Diagnosis>;
  plans?: Partial<Record<Strategy, RepairPlan>>;
  /** Returned as ApplyResult.verify; `null` makes the wizard call `verify()`. */
  verify?: VerifyResult | null;
  /** Delay between engine events, to watch the spinners (demo); 0 in tests. */
  delayMs?: number;
  /** Thrown by the named call (`rehearse` is `apply` with `{ rehearse: true }`). */
  fail?: { call: 'connect' | 'detect' | 'plan' | 'apply' | 'rehearse' | 'verify'; error: Error };
  /** A rehearsal fails at this 0-based step of the transaction, with this error; otherwise it verifies. */
  rehearsalFails?: { at: number; error: string };
  /** ApplyResult.journalPath of a real apply; `null` for none. */
  journalPath?: string | null;
}

export const JOURNAL_PATH = '/home/oncall/.drift-doctor/journals/2026-11-21T10-02-13Z-agents_prod-create-all.json';

/** What a rehearsal notes about the ledger's id sequence, as the engine says it. */
export const SEQUENCE_NOTE =
  "the ledger's id sequence public.mikro_orm_migrations_id_seq moved from 19 to 20: PostgreSQL never rolls back nextval(), " +
  'so the next ledger ids skip these numbers (harmless; ids need not be contiguous)';

/** What the wizard asked of the engine. */
export interface FixtureCalls {
  connect: number;
  detect: number;
  plan: Strategy[];
  apply: RepairPlan[];
  rehearse: RepairPlan[];
  verify: number;
  close: number;
}

export interface FixtureEngine extends Engine {
  calls: FixtureCalls;
}

const PHASES: readonly [DetectPhase, string][] = [
  ['ledger', 'reading the ledger (public.mikro_orm_migrations)'],
  ['files', 'reading migrations/'],
  ['replay', 'replaying 007_add_task_queues (7/20)'],
  ['replay', 'replaying 020_add_workflow_events (20/20)'],
  ['live', 'snapshotting the live schema'],
  ['models', 'reading the entity models'],
  ['compare', 'comparing ledger × files × live × models'],
  ['diagnose', 'weighing the evidence'],
];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An Engine answering from plain fixture values (the incident by default). */
export function fixtureEngine(options: FixtureOptions = {}): FixtureEngine {
  const delay = options.delayMs ?? 0;
  const calls: FixtureCalls = { connect: 0, detect: 0, plan: [], apply: [], rehearse: [], verify: 0, close: 0 };
  const failIf = (call: NonNullable<FixtureOptions['fail']>['call']) => {
    if (options.fail?.call === call) throw options.fail.error;
  };
  const outcome: DetectOutcome = {
    report: options.report ?? incident.report,
    diagnosis: { ...incident.diagnosis, ...options.diagnosis },
  };
  const verifyResult = options.verify === undefined ? incident.verifyResult : options.verify;
  /** Like the engine: only the transaction's steps run (counted among themselves), then verification, then ROLLBACK. */
  async function rehearse(plan: RepairPlan, onProgress?: (p: ApplyProgress) => void): Promise<ApplyResult> {
    calls.rehearse.push(plan);
    failIf('rehearse');
    const inside = plan.steps.filter((s) => !s.outsideTransaction);
    const stepTimings: StepTiming[] = [];
    const fails = options.rehearsalFails;
    for (const [index, step] of inside.entries()) {
      onProgress?.({ index, total: inside.length, step, state: 'running' });
      await sleep(delay);
      const ok = fails?.at !== index;
      // Varied, so the slowest steps are an order: the third step of the plan is the slowest.
      stepTimings.push({ index: plan.steps.indexOf(step), durationMs: index === 2 ? 480 : 5 + (index % 4), ok });
      onProgress?.({ index, total: inside.length, step, state: ok ? 'done' : 'failed' });
      if (!ok) {
        return { ok: false, error: fails!.error, failedStep: step, stepsRun: index, durationMs: 700, verify: null, stepTimings };
      }
    }
    return { ok: true, error: null, failedStep: null, stepsRun: inside.length, durationMs: 1900, verify: verifyResult, stepTimings, notes: [SEQUENCE_NOTE] };
  }

  return {
    calls,
    async connect() {
      calls.connect += 1;
      await sleep(delay);
      failIf('connect');
      return options.connection ?? incident.connection;
    },
    async detect(onProgress?: (p: DetectProgress) => void) {
      calls.detect += 1;
      for (const [phase, message] of PHASES) {
        onProgress?.({ phase, message });
        await sleep(delay);
      }
      failIf('detect');
      return outcome;
    },
    async plan(strategy: Strategy) {
      calls.plan.push(strategy);
      failIf('plan');
      return options.plans?.[strategy] ?? incident.plans[strategy];
    },
    async apply(plan: RepairPlan, onProgress?: (p: ApplyProgress) => void, applyOptions?: { rehearse?: boolean }): Promise<ApplyResult> {
      if (applyOptions?.rehearse) return rehearse(plan, onProgress);
      calls.apply.push(plan);
      failIf('apply');
      const total = plan.steps.length;
      for (const [index, step] of plan.steps.entries()) {
        onProgress?.({ index, total, step, state: 'running' });
        await sleep(delay);
        onProgress?.({ index, total, step, state: 'done' });
      }
      const journalPath = options.journalPath === undefined ? JOURNAL_PATH : options.journalPath;
      return {
        ok: true,
        error: null,
        failedStep: null,
        stepsRun: total,
        durationMs: total * delay + 12,
        verify: verifyResult,
        ...(journalPath ? { journalPath } : {}),
      };
    },
    async verify() {
      calls.verify += 1;
      await sleep(delay);
      failIf('verify');
      return incident.verifyResult;
    },
    async close() {
      calls.close += 1;
    },
  };
}
