import { useCallback, useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { DetectOutcome, Engine } from '../../core/engine.js';
import type { ApplyProgress, ApplyResult, RepairPlan } from '../../core/types.js';
import { STRATEGIES } from './labels.js';
import {
  describeError,
  initialState,
  wizardReducer,
  type Activity,
  type WizardAction,
  type WizardState,
} from './wizard-state.js';

type Send = Dispatch<WizardAction>;

/** Runs one engine call; a throw becomes the error screen. Resolves undefined on error. */
async function attempt<T>(send: Send, during: Activity, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    send({ type: 'failed', error: describeError(error, during) });
    return undefined;
  }
}

async function detectAndPlan(engine: Engine, send: Send): Promise<void> {
  const outcome = await attempt(send, 'detecting', () =>
    engine.detect((p) => send({ type: 'detect-progress', message: p.message })),
  );
  if (!outcome) return;
  send({ type: 'detected', outcome });
  // Nothing to plan when there is nothing to repair, or when repairs are refused.
  if (outcome.report.inSync || outcome.diagnosis.refusal) return;
  const plans = await attempt(send, 'planning', () => Promise.all(STRATEGIES.map((s) => engine.plan(s, outcome))));
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

async function rehearse(engine: Engine, plan: RepairPlan, send: Send): Promise<void> {
  const place = placeIn(plan);
  send({ type: 'rehearse-started', strategy: plan.strategy });
  const result = await engine
    .apply(plan, (progress) => send({ type: 'rehearse-progress', progress: place(progress) }), { rehearse: true })
    .catch(thrownRehearsal);
  send({ type: 'rehearsed', result });
}

async function applyAndVerify(engine: Engine, plan: RepairPlan, before: DetectOutcome, send: Send): Promise<void> {
  const place = placeIn(plan);
  const result = await attempt(send, 'applying', () =>
    engine.apply(plan, (progress) => send({ type: 'apply-progress', progress: place(progress) })),
  );
  if (!result) return;
  send({ type: 'applied', result });
  const verify = result.verify ?? (await attempt(send, 'verifying', () => engine.verify(before)));
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
}

/** The wizard's state and the engine calls that move it; the only place that talks to the engine. */
export function useWizard(engine: Engine): Wizard {
  const [state, send] = useReducer(wizardReducer, initialState);
  const started = useRef({ connect: false, detect: false, apply: false, rehearsing: false });
  useEffect(() => {
    if (started.current.connect) return;
    started.current.connect = true;
    void attempt(send, 'connecting', () => engine.connect()).then((connection) => {
      if (connection) send({ type: 'connected', connection });
    });
  }, [engine]);
  const detect = useCallback(() => {
    send({ type: 'go', screen: 'detect' });
    if (started.current.detect) return;
    started.current.detect = true;
    void detectAndPlan(engine, send);
  }, [engine]);
  const outcome = state.outcome;
  const apply = useCallback(
    (plan: RepairPlan) => {
      if (started.current.apply || !outcome) return;
      started.current.apply = true;
      send({ type: 'go', screen: 'apply' });
      void applyAndVerify(engine, plan, outcome, send);
    },
    [engine, outcome],
  );
  const rehearseWith = useCallback(
    (plan: RepairPlan) => {
      if (started.current.apply || started.current.rehearsing) return;
      started.current.rehearsing = true;
      void rehearse(engine, plan, send).finally(() => {
        started.current.rehearsing = false;
      });
    },
    [engine],
  );
  return { state, send, detect, apply, rehearse: rehearseWith };
}
