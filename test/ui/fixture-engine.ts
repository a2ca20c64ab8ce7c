import type { DetectOutcome, DetectPhase, DetectProgress, Engine } from '../../src/core/engine.js';
import type { ApplyProgress, ApplyResult, ConnectionInfo, Diagnosis, DriftReport, RepairPlan, Strategy, VerifyResult } from '../../src/core/types.js';
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
  /** Thrown by the named call. */
  fail?: { call: 'connect' | 'detect' | 'plan' | 'apply' | 'verify'; error: Error };
}

/** What the wizard asked of the engine. */
export interface FixtureCalls {
  connect: number;
  detect: number;
  plan: Strategy[];
  apply: RepairPlan[];
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
  const calls: FixtureCalls = { connect: 0, detect: 0, plan: [], apply: [], verify: 0, close: 0 };
  const failIf = (call: NonNullable<FixtureOptions['fail']>['call']) => {
    if (options.fail?.call === call) throw options.fail.error;
  };
  const outcome: DetectOutcome = {
    report: options.report ?? incident.report,
    diagnosis: { ...incident.diagnosis, ...options.diagnosis },
  };
  const verifyResult = options.verify === undefined ? incident.verifyResult : options.verify;
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
    async apply(plan: RepairPlan, onProgress?: (p: ApplyProgress) => void): Promise<ApplyResult> {
      calls.apply.push(plan);
      failIf('apply');
      const total = plan.steps.length;
      for (const [index, step] of plan.steps.entries()) {
        onProgress?.({ index, total, step, state: 'running' });
        await sleep(delay);
        onProgress?.({ index, total, step, state: 'done' });
      }
      return { ok: true, error: null, failedStep: null, stepsRun: total, durationMs: total * delay + 12, verify: verifyResult };
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
