import { useCallback, useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { DetectOutcome, Engine } from '../../core/engine.js';
import type { ApplyProgress, RepairPlan } from '../../core/types.js';
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

async function applyAndVerify(engine: Engine, plan: RepairPlan, before: DetectOutcome, send: Send): Promise<void> {
  // Progress is keyed by the step's place in the plan: the engine may count only the steps it runs in the transaction.
  const place = (progress: ApplyProgress) => {
    const at = plan.steps.indexOf(progress.step);
    return at >= 0 ? { ...progress, index: at } : progress;
  };
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
}

/** The wizard's state and the engine calls that move it; the only place that talks to the engine. */
export function useWizard(engine: Engine): Wizard {
  const [state, send] = useReducer(wizardReducer, initialState);
  const started = useRef({ connect: false, detect: false, apply: false });
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
  return { state, send, detect, apply };
}
