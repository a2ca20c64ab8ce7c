import { useCallback, useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { DetectOutcome, Engine } from '../../core/engine.js';
import type { ApplyProgress, ApplyResult, RepairPlan } from '../../core/types.js';
import { renderPlanSql } from '../../report/text.js';
import { wizardRecord, type WizardRecord } from './incident-record.js';
import { STRATEGIES } from './labels.js';
import { saveNewFile } from './save-file.js';
import {
  describeError,
  initialState,
  wizardReducer,
  type Activity,
  type Timed,
  type WizardAction,
  type WizardState,
} from './wizard-state.js';

type Send = Dispatch<WizardAction>;

/** Milliseconds from some fixed point; only differences are shown. */
export type Clock = () => number;

/** Dispatches the start and the end of a timed call around it, whatever becomes of it. */
async function timed<T>(send: Send, clock: Clock, call: Timed, run: () => Promise<T>): Promise<T> {
  send({ type: 'timing', call, edge: 'start', at: clock() });
  try {
    return await run();
  } finally {
    send({ type: 'timing', call, edge: 'end', at: clock() });
  }
}

/** Runs one engine call; a throw becomes the error screen. Resolves undefined on error. */
async function attempt<T>(send: Send, during: Activity, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    send({ type: 'failed', error: describeError(error, during) });
    return undefined;
  }
}

async function detectAndPlan(engine: Engine, send: Send, clock: Clock): Promise<void> {
  const outcome = await attempt(send, 'detecting', () =>
    timed(send, clock, 'detect', () => engine.detect((p) => send({ type: 'detect-progress', phase: p.phase, message: p.message, at: clock() }))),
  );
  if (!outcome) return;
  send({ type: 'detected', outcome });
  // Nothing to plan when there is nothing to repair, or when repairs are refused.
  if (outcome.report.inSync || outcome.diagnosis.refusal) return;
  const plans = await attempt(send, 'planning', () => timed(send, clock, 'plan', () => Promise.all(STRATEGIES.map((s) => engine.plan(s, outcome)))));
  if (plans) send({ type: 'planned', plans });
}

/** Progress keyed by the step's place in the plan: the engine may count only the steps it runs in the transaction. */
function placeIn(plan: RepairPlan): (progress: ApplyProgress) => ApplyProgress {
  return (progress) => {
    const at = plan.steps.indexOf(progress.step);
    return at >= 0 ? { ...progress, index: at } : progress;
  };
}

/**
 * A rehearsal that threw (another repair holds the lock, the connection
 * dropped) is a failed rehearsal, shown on its result screen: nothing was
 * kept, and the operator can go back to Preview rather than leave.
 */
function thrownRehearsal(error: unknown): ApplyResult {
  const { message, hint } = describeError(error, 'applying');
  return { ok: false, error: hint ? `${message} What to do: ${hint}` : message, failedStep: null, stepsRun: 0, durationMs: 0, verify: null };
}

/**
 * The longest step reports wait to be drawn. They are normally drawn with
 * the clock's tick (`flushProgress`), in the same frame: a frame per step
 * would slow the repair, its locks held, on a wide terminal.
 */
const BATCH_MS = 250;

/** Gathers step reports; `flush` sends what is waiting in one action (on the tick, before the result, or after BATCH_MS). */
interface StepBatch {
  add: (progress: ApplyProgress) => void;
  flush: () => void;
}

function batched(send: (progress: ApplyProgress[]) => void): StepBatch {
  let waiting: ApplyProgress[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const out = waiting;
    waiting = [];
    send(out);
  };
  return {
    add(progress) {
      waiting.push(progress);
      timer ??= setTimeout(flush, BATCH_MS);
    },
    flush,
  };
}

async function rehearse(engine: Engine, plan: RepairPlan, steps: StepBatch, send: Send, clock: Clock): Promise<void> {
  const place = placeIn(plan);
  send({ type: 'rehearse-started', strategy: plan.strategy });
  const result = await timed(send, clock, 'rehearse', () =>
    engine
      .apply(plan, (progress) => steps.add(place(progress)), { rehearse: true })
      .catch(thrownRehearsal)
      .finally(steps.flush),
  );
  send({ type: 'rehearsed', result });
}

async function applyAndVerify(engine: Engine, plan: RepairPlan, before: DetectOutcome, steps: StepBatch, send: Send, clock: Clock): Promise<void> {
  const place = placeIn(plan);
  const result = await attempt(send, 'applying', () =>
    timed(send, clock, 'apply', () => engine.apply(plan, (progress) => steps.add(place(progress))).finally(steps.flush)),
  );
  if (!result) return;
  send({ type: 'applied', result });
  const verify = result.verify ?? (await attempt(send, 'verifying', () => timed(send, clock, 'verify', () => engine.verify(before))));
  if (verify) send({ type: 'verified', verify });
}

export interface Wizard {
  state: WizardState;
  send: Send;
  /** Shows Detect, detecting once. */
  detect: () => void;
  /** Starts the repair with the chosen plan (once). */
  apply: (plan: RepairPlan) => void;
  /** Runs the plan and its verification, then rolls back (not while one runs or once the repair started). */
  rehearse: (plan: RepairPlan) => void;
  /** Writes the plan as a SQL script to a new file; the notice says where, or why not. */
  savePlan: (plan: RepairPlan, file: string) => void;
  /** Writes the incident report to `file`, when the front end can (`writeReport`) and there is something to report. */
  saveReport: ((file: string) => void) | null;
  /** Sends the step reports gathered since the last frame: the container calls it on its clock's tick. */
  flushProgress: () => void;
}

/** What the hook may do besides talking to the engine. */
export interface WizardOptions {
  /** Read for elapsed times. */
  clock: Clock;
  /** Where a relative file name is written (default the working directory). */
  outputDir?: string;
  /**
   * Renders and writes the incident report to `file` (as the operator typed it), never over an existing
   * file; resolves with the absolute path, rejects with the reason.
   */
  writeReport?: (record: WizardRecord, file: string) => Promise<string>;
}

/** The error's words and its way out, for a notice. */
function inWords(error: unknown): string {
  const { message, hint } = describeError(error, 'verifying');
  return hint ? `${message} — ${hint}` : message;
}

/** The wizard's state and the engine calls that move it; the only place that talks to the engine or writes files. */
export function useWizard(engine: Engine, options: WizardOptions): Wizard {
  const { clock, outputDir, writeReport } = options;
  const [state, send] = useReducer(wizardReducer, initialState);
  const started = useRef({ connect: false, detect: false, apply: false, rehearsing: false, writing: false });
  const startedAt = useRef(new Date());
  const batch = useRef<StepBatch | null>(null);
  useEffect(() => {
    if (started.current.connect) return;
    started.current.connect = true;
    void attempt(send, 'connecting', () => timed(send, clock, 'connect', () => engine.connect())).then((connection) => {
      if (connection) send({ type: 'connected', connection });
    });
  }, [engine, clock]);
  const detect = useCallback(() => {
    send({ type: 'go', screen: 'detect' });
    if (started.current.detect) return;
    started.current.detect = true;
    void detectAndPlan(engine, send, clock);
  }, [engine, clock]);
  const outcome = state.outcome;
  const apply = useCallback(
    (plan: RepairPlan) => {
      if (started.current.apply || !outcome) return;
      started.current.apply = true;
      send({ type: 'go', screen: 'apply' });
      const steps = batched((progress) => send({ type: 'apply-progress', progress }));
      batch.current = steps;
      void applyAndVerify(engine, plan, outcome, steps, send, clock);
    },
    [engine, outcome, clock],
  );
  const rehearseWith = useCallback(
    (plan: RepairPlan) => {
      if (started.current.apply || started.current.rehearsing) return;
      started.current.rehearsing = true;
      const steps = batched((progress) => send({ type: 'rehearse-progress', progress }));
      batch.current = steps;
      void rehearse(engine, plan, steps, send, clock).finally(() => {
        started.current.rehearsing = false;
      });
    },
    [engine, clock],
  );
  const connection = state.connection;
  const savePlan = useCallback(
    (plan: RepairPlan, file: string) => {
      if (!connection) return;
      const sql = renderPlanSql(plan, { connection, writtenAt: new Date().toISOString() });
      void saveNewFile(file, sql, outputDir).then((saved) =>
        send({ type: 'file', notice: saved.ok ? { what: 'plan', ok: true, path: saved.path } : { what: 'plan', ok: false, message: saved.message } }),
      );
    },
    [connection, outputDir],
  );
  const reportable = writeReport !== undefined && wizardRecord(state, startedAt.current, startedAt.current) !== null;
  const saveReport = useCallback(
    (file: string) => {
      const record = wizardRecord(state, startedAt.current, new Date());
      if (!writeReport || !record || started.current.writing) return;
      if (file.trim() === '') {
        send({ type: 'file', notice: { what: 'report', ok: false, message: 'no file name given' } });
        return;
      }
      started.current.writing = true;
      void Promise.resolve()
        .then(() => writeReport(record, file.trim()))
        .then(
        (path) => send({ type: 'file', notice: { what: 'report', ok: true, path } }),
          (error: unknown) => send({ type: 'file', notice: { what: 'report', ok: false, message: inWords(error) } }),
        )
        .finally(() => {
          started.current.writing = false;
        });
    },
    [writeReport, state],
  );
  const flushProgress = useCallback(() => batch.current?.flush(), []);
  return { state, send, detect, apply, rehearse: rehearseWith, savePlan, saveReport: reportable ? saveReport : null, flushProgress };
}
