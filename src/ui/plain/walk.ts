import type { DetectOutcome, Engine } from '../../core/engine.js';
import type { ApplyProgress, ApplyResult, RepairPlan, Strategy } from '../../core/types.js';
import { renderPlan, renderRehearsal } from '../../report/text.js';
import { highlightSql } from '../ink/highlight-sql.js';
import { connectingMessage, STRATEGIES } from '../ink/labels.js';
import { line, paragraph, type Line } from '../ink/lines.js';
import {
  chosenPlan,
  describeError,
  rehearsalOfChosen,
  initialState,
  wizardReducer,
  type Activity,
  type WizardAction,
  type WizardState,
} from '../ink/wizard-state.js';
import type { Interrupt } from './interrupt.js';
import { chooseNote, chooseQuestion, previewQuestion, retypeQuestion } from './menus.js';
import { renderLines } from './paint.js';
import { QuestionAborted, type Asker } from './questions.js';
import {
  confirmLines,
  connectLines,
  detectLines,
  errorLines,
  explainLines,
  heading,
  nothingToRepairLines,
  progressLines,
  refusalLines,
  verifyScreenLines,
} from './screens.js';

export interface WalkIo {
  asker: Asker;
  interrupt: Interrupt;
  write: (text: string) => void;
  color: boolean;
  width: number;
  target?: string;
}

/** A step still running after this long gets a line of its own (it may be waiting for a lock). */
const SLOW_STEP_MS = 2000;

/** A width no line reaches, for lines a terminal may wrap but we must not. */
const UNWRAPPED = 10_000;

/**
 * The Ink wizard's walk, one line after another: the same engine calls in
 * the same order, the same state where it decides how the walk ends (the
 * wizard's own reducer, so the exit code and the farewell are `exitCodeFor`
 * and `farewellFor`; progress is printed, not kept), the same choices. Questions come from the asker; a `QuestionAborted` thrown by one
 * ends the walk and is the caller's to report.
 */
export class PlainWalk {
  state: WizardState = initialState;

  constructor(
    private readonly engine: Engine,
    private readonly io: WalkIo,
  ) {}

  send(action: WizardAction): void {
    this.state = wizardReducer(this.state, action);
  }

  /** Connect → Detect → Explain → Choose …; returns when the walk ends (the state says how). */
  async run(): Promise<void> {
    this.say(line(`drift-doctor · ${connectingMessage(this.io.target)}`, 'dim'));
    const connection = await this.call('connecting', () => this.engine.connect());
    if (!connection) return;
    this.send({ type: 'connected', connection });
    this.say(...heading('connect', 'Connected', this.io.width), ...connectLines(connection, this.io.width));
    if (!(await this.io.asker.confirm(`Detect drift on ${connection.database}? (read-only)`, true))) return;
    const outcome = await this.detect();
    if (!outcome || outcome.report.inSync) return;
    this.send({ type: 'go', screen: 'explain' });
    this.say(...heading('explain', 'why they disagree, most likely first', this.io.width), ...explainLines(outcome.diagnosis, this.io.width));
    if (outcome.diagnosis.refusal) {
      this.say(...refusalLines(outcome.diagnosis.refusal, this.io.width));
      return;
    }
    this.say(line('Planning the three repairs (nothing runs yet)…', 'dim'));
    const plans = await this.call('planning', () => Promise.all(STRATEGIES.map((s) => this.engine.plan(s, outcome))));
    if (!plans) return;
    this.send({ type: 'planned', plans });
    await this.chooseAndRepair(outcome, plans);
  }

  private async detect(): Promise<DetectOutcome | undefined> {
    this.send({ type: 'go', screen: 'detect' });
    this.say(...heading('detect', 'what the ledger says against what exists', this.io.width));
    const outcome = await this.call('detecting', () =>
      this.engine.detect((p) => this.say(line(`… ${p.message}`, 'dim'))),
    );
    if (!outcome) return undefined;
    this.send({ type: 'detected', outcome });
    this.say(...detectLines(outcome.report, this.io.width));
    if (outcome.report.inSync) this.say(...heading('verify', 'nothing to repair', this.io.width), ...nothingToRepairLines(outcome.report, this.io.width));
    return outcome;
  }

  /** Choose ⇄ Preview until the operator applies a plan or quits. */
  private async chooseAndRepair(outcome: DetectOutcome, plans: RepairPlan[]): Promise<void> {
    for (;;) {
      this.send({ type: 'go', screen: 'choose' });
      this.say(...heading('choose', 'a repair', this.io.width));
      const note = chooseNote(outcome.diagnosis);
      if (note) this.say(...paragraph(note, { width: this.io.width, tone: 'warn' }));
      const question = chooseQuestion(outcome.diagnosis, plans);
      if (question.choices.every((c) => c.value === 'quit' || c.disabled)) {
        this.say(line('No strategy can repair this database: nothing will be changed.', 'danger'));
        return;
      }
      const picked = await this.io.asker.choose(question);
      if (picked === 'quit') return;
      this.send({ type: 'chose', strategy: picked });
      if ((await this.previewAndApply(outcome, picked)) !== 'back') return;
    }
  }

  /** The dry run, an optional rehearsal, the typed name, then the repair; `back` returns to Choose. */
  private async previewAndApply(outcome: DetectOutcome, strategy: Strategy): Promise<'back' | 'end'> {
    const plan = chosenPlan(this.state);
    if (!plan) return 'end';
    this.say(...heading('preview', 'dry run, nothing has run yet', this.io.width));
    // The plan as `repair --dry-run` prints it: the exact SQL, never wrapped, coloured only when colour is on.
    const text = renderPlan(plan);
    this.io.write(this.io.color ? highlightSql(text) : text);
    for (;;) {
      // A rehearsal of this plan counts even from an earlier visit (as in the Ink wizard).
      const rehearsal = rehearsalOfChosen(this.state);
      const action = await this.io.asker.choose(previewQuestion(plan, rehearsal));
      if (action === 'quit') return 'end';
      if (action === 'back') return 'back';
      if (action === 'rehearse') {
        await this.rehearse(plan);
        continue;
      }
      const confirmed = await this.confirm(plan, rehearsal);
      if (confirmed === 'quit') return 'end';
      if (confirmed === 'back') {
        this.send({ type: 'go', screen: 'preview' });
        this.say(line(`The plan for ${strategy} is printed above.`, 'dim'));
        continue;
      }
      await this.apply(plan, outcome);
      return 'end';
    }
  }

  /** The operator types the database's name; anything else runs nothing. */
  private async confirm(plan: RepairPlan, rehearsal: ApplyResult | null): Promise<'apply' | 'back' | 'quit'> {
    const database = this.state.connection?.database ?? '';
    this.send({ type: 'go', screen: 'confirm' });
    this.say(...heading('confirm', 'type the database name', this.io.width), ...confirmLines(database, plan, rehearsal, this.io.width));
    for (;;) {
      const typed = await this.io.asker.text(`Type the database name (${database}) to apply`);
      if (typed === database) return 'apply';
      this.say(...paragraph(`"${typed}" is not the name of this database: nothing was run.`, { width: this.io.width, tone: 'danger' }));
      const next = await this.io.asker.choose(retypeQuestion(database));
      if (next !== 'again') return next;
    }
  }

  private async rehearse(plan: RepairPlan): Promise<void> {
    const inside = plan.steps.filter((s) => !s.outsideTransaction).length;
    this.send({ type: 'rehearse-started', strategy: plan.strategy });
    this.say(...heading('preview', `rehearsing ${plan.strategy}: ${inside} steps in one transaction, then ROLLBACK`, this.io.width));
    const result = await this.io.interrupt
      .protect(() => this.engine.apply(plan, this.progress(plan, inside, false), { rehearse: true }))
      .catch(thrownRehearsal);
    this.send({ type: 'rehearsed', result });
    const text = renderRehearsal(plan, result);
    const verdict = text.split('\n').pop() ?? '';
    this.io.write(text.slice(0, text.length - verdict.length).trimEnd());
    this.say(...paragraph(verdict, { width: this.io.width, tone: result.ok ? 'ok' : 'danger', bold: true }));
  }

  private async apply(plan: RepairPlan, before: DetectOutcome): Promise<void> {
    this.send({ type: 'go', screen: 'apply' });
    this.say(
      ...heading('apply', `${plan.strategy}, ${plan.steps.length} steps`, this.io.width),
      line('Ctrl-C is off until it ends: one transaction, committed only once it verifies, rolled back on any error.', 'dim'),
    );
    const result = await this.call('applying', () =>
      this.io.interrupt.protect(() => this.engine.apply(plan, this.progress(plan, plan.steps.length, true))),
    );
    if (!result) return;
    this.send({ type: 'applied', result });
    if (!result.verify) this.say(line('Verifying: detecting again…', 'dim'));
    const verify = result.verify ?? (await this.call('verifying', () => this.io.interrupt.protect(() => this.engine.verify(before))));
    if (!verify) return;
    this.send({ type: 'verified', verify });
    // Not wrapped: the journal's path and the undo command must stay whole to be copied.
    this.say(...heading('verify', 'detected again after the repair', this.io.width), ...verifyScreenLines(verify, result, UNWRAPPED));
  }

  /**
   * Progress as lines: one per finished step (`everyStep`; a rehearsal's
   * table lists them all when it ends, so it prints only failures), numbered
   * by its place in the plan (the engine may count only the transaction's
   * steps), and one for a step still running after a while (a lock wait).
   */
  private progress(plan: RepairPlan, total: number, everyStep: boolean): (p: ApplyProgress) => void {
    let slow: NodeJS.Timeout | undefined;
    return (raw) => {
      const at = plan.steps.indexOf(raw.step);
      const progress = at >= 0 ? { ...raw, index: at } : raw;
      clearTimeout(slow);
      if (progress.state === 'running') {
        slow = setTimeout(() => this.say(...progressLines(progress, total, this.io.width)), SLOW_STEP_MS);
        slow.unref();
      } else if (everyStep || progress.state === 'failed') this.say(...progressLines(progress, total, this.io.width));
    };
  }

  /** An engine call; a throw becomes the error screen (and undefined). Ctrl-C abandons it unless it is protected. */
  private async call<T>(during: Activity, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.io.interrupt.race(run(), during);
    } catch (error) {
      if (error instanceof QuestionAborted) throw error;
      const described = describeError(error, during);
      this.send({ type: 'failed', error: described });
      this.say(...errorLines(described, this.io.width));
      return undefined;
    }
  }

  say(...lines: Line[]): void {
    this.io.write(renderLines(lines, this.io.color));
  }

}

/** A rehearsal that threw (the lock is held, the connection dropped) is a failed rehearsal: nothing was kept. */
function thrownRehearsal(error: unknown): ApplyResult {
  const { message, hint } = describeError(error, 'applying');
  return { ok: false, error: hint ? `${message} What to do: ${hint}` : message, failedStep: null, stepsRun: 0, durationMs: 0, verify: null };
}
