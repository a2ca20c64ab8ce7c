import type { DetectOutcome, DetectPhase } from '../../core/engine.js';
import {
  checkExhaustive,
  type ApplyProgress,
  type ApplyResult,
  type ConnectionInfo,
  type RepairPlan,
  type Strategy,
  type VerifyResult,
} from '../../core/types.js';

/** The wizard's screens, in walking order, then the two ends. */
export type Screen =
  | 'connect'
  | 'detect'
  | 'explain'
  | 'choose'
  | 'preview'
  | 'confirm'
  | 'apply'
  | 'verify'
  | 'rehearse'
  | 'rehearsal'
  | 'in-sync'
  | 'error';

/** Screens off the walk that belong to a step of it (a rehearsal is run from Preview). */
export const SIDE_OF: Partial<Record<Screen, Screen>> = { rehearse: 'preview', rehearsal: 'preview' };

/** The walk as shown in the header. */
export const WALK: readonly Screen[] = ['connect', 'detect', 'explain', 'choose', 'preview', 'confirm', 'apply', 'verify'];

/** What the engine was doing when it threw. */
export type Activity = 'connecting' | 'detecting' | 'planning' | 'applying' | 'verifying';

/** An engine error, in words. */
export interface WizardError {
  during: Activity;
  message: string;
  /** The way out, when the error carries one (`hint`). */
  hint: string | null;
  /** 3 when the error says the operator must decide something (`exitCode: 3`), else 2. */
  exitCode: 2 | 3;
  /** The engine stopped before the repair's first statement (`nothingRan` on the error). */
  nothingRan?: boolean;
}

/** The long-running calls whose elapsed time the screen shows. */
export type Timed = 'connect' | 'detect' | 'plan' | 'apply' | 'rehearse' | 'verify';

/** When a timed call started and, once it has, ended (milliseconds of the wizard's clock). */
export interface Span {
  start: number;
  end?: number;
}

/** One progress report of detection, stamped with the wizard's clock when it arrived. */
export interface DetectEntry {
  phase: DetectPhase;
  message: string;
  at: number;
}

/** What became of a file the operator asked for (the plan as SQL, the incident report). */
export type FileNotice =
  | { what: 'plan' | 'report'; ok: true; path: string }
  | { what: 'plan' | 'report'; ok: false; message: string };

/** A rehearsal of one plan: run, verified, rolled back. */
export interface Rehearsal {
  strategy: Strategy;
  /** Latest state of each plan step by index, while rehearsing. */
  stepStates: Record<number, ApplyProgress['state']>;
  /** Null while it runs. */
  result: ApplyResult | null;
}

export interface WizardState {
  screen: Screen;
  connection: ConnectionInfo | null;
  /** Detection's progress reports, in order, while it runs (kept after it ends). */
  detectLog: DetectEntry[];
  /** When each timed call started and ended, by the wizard's clock (never the engine's). */
  timing: Partial<Record<Timed, Span>>;
  /** The last file written (or not) on the operator's request; cleared when the screen changes. */
  notice: FileNotice | null;
  outcome: DetectOutcome | null;
  /** One plan per strategy, once planned. */
  plans: RepairPlan[] | null;
  chosen: Strategy | null;
  /** Latest state of each plan step by index, while applying. */
  stepStates: Record<number, ApplyProgress['state']>;
  applyResult: ApplyResult | null;
  verify: VerifyResult | null;
  /** The latest rehearsal, if the operator asked for one. */
  rehearsal: Rehearsal | null;
  error: WizardError | null;
  /** Set once the operator leaves: the last frame says how, and nothing changes it after. */
  quit: Quit | null;
}

/** How the wizard ends when the operator leaves. */
export interface Quit {
  /** The process's exit code: `exitCodeFor` the state they left. */
  code: number;
  /** The last words on the screen, when the screen itself does not say how things were left. */
  farewell: string | null;
}

export type WizardAction =
  | { type: 'connected'; connection: ConnectionInfo }
  | { type: 'detect-progress'; phase: DetectPhase; message: string; at: number }
  | { type: 'timing'; call: Timed; edge: 'start' | 'end'; at: number }
  | { type: 'file'; notice: FileNotice }
  | { type: 'detected'; outcome: DetectOutcome }
  | { type: 'planned'; plans: RepairPlan[] }
  | { type: 'go'; screen: Screen }
  | { type: 'back' }
  | { type: 'chose'; strategy: Strategy }
  /** Step states in the order the engine reported them (several at once: the hook batches them between frames). */
  | { type: 'apply-progress'; progress: readonly ApplyProgress[] }
  | { type: 'applied'; result: ApplyResult }
  | { type: 'verified'; verify: VerifyResult }
  | { type: 'rehearse-started'; strategy: Strategy }
  | { type: 'rehearse-progress'; progress: readonly ApplyProgress[] }
  | { type: 'rehearsed'; result: ApplyResult }
  | { type: 'failed'; error: WizardError }
  | { type: 'quit' };

export const initialState: WizardState = {
  screen: 'connect',
  connection: null,
  detectLog: [],
  timing: {},
  notice: null,
  outcome: null,
  plans: null,
  chosen: null,
  stepStates: {},
  applyResult: null,
  verify: null,
  rehearsal: null,
  error: null,
  quit: null,
};

/** Where Esc leads from each screen; none once the repair (or a rehearsal) has started. */
const BACK: Partial<Record<Screen, Screen>> = {
  detect: 'connect',
  explain: 'detect',
  choose: 'explain',
  preview: 'choose',
  confirm: 'preview',
  rehearsal: 'preview',
};

/** The screen before `screen`, or null when Esc does nothing there. */
export function previousScreen(screen: Screen): Screen | null {
  return BACK[screen] ?? null;
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  // The last frame must say how the operator left, not what the engine answered afterwards.
  if (state.quit) return state;
  const next = step(state, action);
  // A file notice belongs to the screen it was asked on.
  return next.screen !== state.screen && next.notice ? { ...next, notice: null } : next;
}

function step(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'connected':
      return { ...state, connection: action.connection };
    case 'detect-progress':
      return { ...state, detectLog: [...state.detectLog, { phase: action.phase, message: action.message, at: action.at }] };
    case 'timing':
      return { ...state, timing: { ...state.timing, [action.call]: timed(state.timing[action.call], action.edge, action.at) } };
    case 'file':
      return { ...state, notice: action.notice };
    case 'detected': {
      // Nothing to repair: skip the walk, but only if the operator is watching Detect.
      const skip = action.outcome.report.inSync && state.screen === 'detect';
      return { ...state, outcome: action.outcome, screen: skip ? 'in-sync' : state.screen };
    }
    case 'planned':
      return { ...state, plans: action.plans };
    case 'go':
      return { ...state, screen: action.screen };
    case 'back':
      return { ...state, screen: previousScreen(state.screen) ?? state.screen };
    case 'chose':
      return { ...state, chosen: action.strategy, screen: 'preview' };
    case 'apply-progress':
      return { ...state, stepStates: withSteps(state.stepStates, action.progress) };
    case 'applied':
      return { ...state, applyResult: action.result };
    case 'verified':
      return { ...state, verify: action.verify, screen: 'verify' };
    case 'rehearse-started':
      return { ...state, rehearsal: { strategy: action.strategy, stepStates: {}, result: null }, screen: 'rehearse' };
    case 'rehearse-progress': {
      if (!state.rehearsal) return state;
      return { ...state, rehearsal: { ...state.rehearsal, stepStates: withSteps(state.rehearsal.stepStates, action.progress) } };
    }
    case 'rehearsed':
      if (!state.rehearsal) return state;
      return { ...state, rehearsal: { ...state.rehearsal, result: action.result }, screen: 'rehearsal' };
    case 'failed':
      return { ...state, error: action.error, screen: 'error' };
    case 'quit':
      return { ...state, quit: { code: exitCodeFor(state), farewell: farewellFor(state) } };
    default:
      return checkExhaustive(action);
  }
}

/** Step states after these reports, the later ones winning. */
function withSteps(states: Record<number, ApplyProgress['state']>, progress: readonly ApplyProgress[]): Record<number, ApplyProgress['state']> {
  const next = { ...states };
  for (const p of progress) next[p.index] = p.state;
  return next;
}

/** A call's span after it starts (again) or ends. */
function timed(span: Span | undefined, edge: 'start' | 'end', at: number): Span {
  return edge === 'start' ? { start: at } : { start: span?.start ?? at, end: at };
}

/** The plan the operator chose, once planned. */
export function chosenPlan(state: WizardState): RepairPlan | null {
  return state.plans?.find((plan) => plan.strategy === state.chosen) ?? null;
}

/** The finished rehearsal of the chosen plan, if there is one. */
export function rehearsalOfChosen(state: WizardState): ApplyResult | null {
  const r = state.rehearsal;
  return r && r.strategy === state.chosen ? r.result : null;
}

/**
 * Exit code when the wizard ends on this state: 0 when the database is known
 * to be consistent (verified, or detected in sync), 2 after an error or a failed repair, 3 when repairs were
 * refused (the diagnosis or the error says so), 1 otherwise — drift is left,
 * or the operator quit before detection finished, so none is known to be
 * absent (nothing was changed either way; the screen says which).
 */
export function exitCodeFor(state: WizardState): number {
  if (state.screen === 'error') return state.error?.exitCode ?? 2;
  // In sync even when the operator stepped back from Detect before it skipped to the end.
  if (state.screen === 'in-sync' || (state.outcome?.report.inSync && !state.applyResult)) return 0;
  if (state.outcome?.diagnosis.refusal && !state.applyResult) return 3;
  if (state.applyResult && !state.applyResult.ok) return 2;
  if (state.verify) return state.verify.ok ? 0 : 1;
  return 1;
}

/**
 * What the screen says as the operator quits, before the repair ran: the end
 * screens (verified, in sync, error) already say how things were left.
 */
export function farewellFor(state: WizardState): string | null {
  if (state.screen === 'error' || state.screen === 'in-sync' || state.verify || state.applyResult) return null;
  if (!state.outcome) {
    // The plain front end goes to Detect as it starts detecting; the wizard also times it (and may step back to Connect).
    const started = state.screen !== 'connect' || state.timing.detect !== undefined;
    return `quit before detection ${started ? 'finished' : 'started'} — nothing was changed`;
  }
  if (state.outcome.report.inSync) return 'quit — nothing to repair: the ledger and the schema agree';
  if (state.outcome.diagnosis.refusal) return 'quit: repairs were refused here — nothing was changed';
  return 'quit with the drift left as detected — nothing was changed (drift-doctor check shows it again)';
}

/**
 * Said under the farewell whenever the operator leaves before any repair ran:
 * the database is as it was (a rehearsal rolled back everything it did).
 */
export function untouchedLine(state: WizardState): string | null {
  if (farewellFor(state) === null) return null;
  return state.rehearsal?.result ? 'the database is untouched: the rehearsal was rolled back' : 'the database is untouched';
}

/** An engine error in words: its message, and its `hint` when it has one. Never a stack. */
export function describeError(error: unknown, during: Activity): WizardError {
  if (typeof error === 'object' && error !== null) {
    const record = error as { message?: unknown; hint?: unknown; exitCode?: unknown; nothingRan?: unknown };
    const message = typeof record.message === 'string' && record.message !== '' ? record.message : String(error);
    const hint = typeof record.hint === 'string' && record.hint !== '' ? record.hint : null;
    return { during, message, hint, exitCode: record.exitCode === 3 ? 3 : 2, ...(record.nothingRan === true ? { nothingRan: true } : {}) };
  }
  return { during, message: String(error), hint: null, exitCode: 2 };
}
