import type { ApplyResult, Diagnosis, RepairPlan, Strategy } from '../../core/types.js';
import { recommendedStrategy, selectable, strategyOrder } from '../ink/choose-lines.js';
import { strategyTitle } from '../ink/labels.js';
import { plural } from '../ink/lines.js';
import type { Choice, ChoiceQuestion } from './questions.js';

/** The menus of the walk: the same answers whichever asker puts them. */

const QUIT: Choice<'quit'> = { value: 'quit', name: 'leave; nothing is changed', aliases: ['q'] };

/** What the plan does here, and what it leaves to a human or works around. */
function consequence(plan: RepairPlan): string {
  const notes = [plan.consequence];
  if (plan.needsHuman.length > 0) notes.push(`⚠ ${plural(plan.needsHuman.length, 'difference')} left for a human`);
  if (plan.conflicts.length > 0) {
    notes.push(`${plural(plan.conflicts.length, 'conflict')} foreseen and reconciled (only missing parts are added)`);
  }
  return notes.join('\n');
}

/** The sentence above the repair menu, when the diagnosis recommends none. */
export function chooseNote(diagnosis: Diagnosis): string | null {
  if (diagnosis.verdict === 'unknown') return "The evidence doesn't separate the causes, so there is no recommendation: you must choose.";
  if (!diagnosis.recommended) return 'No strategy is recommended for this case: choose with care.';
  return null;
}

/**
 * The repairs, the recommended one first and taken on an empty answer; with
 * an unknown verdict none is recommended and none is taken for the operator.
 * A strategy this database cannot use is listed with the reason, not offered.
 */
export function chooseQuestion(diagnosis: Diagnosis, plans: readonly RepairPlan[]): ChoiceQuestion<Strategy | 'quit'> {
  const recommended = recommendedStrategy(diagnosis);
  const choices = strategyOrder(diagnosis).map((strategy): Choice<Strategy> => {
    const plan = plans.find((p) => p.strategy === strategy);
    const title = `${strategy === recommended ? '(recommended) ' : ''}${strategyTitle(strategy)}`;
    if (!selectable(plan)) return { value: strategy, name: title, disabled: plan?.refusal ?? 'not applicable here' };
    return { value: strategy, name: title, description: consequence(plan!) };
  });
  const usable = choices.some((c) => !c.disabled);
  return {
    message: 'Which repair?',
    choices: [...choices, QUIT],
    ...(recommended && usable && choices[0]?.value === recommended && !choices[0].disabled ? { default: recommended } : {}),
  };
}

export type PreviewAction = 'apply' | 'rehearse' | 'back' | 'quit';

/**
 * After the dry run (and after a rehearsal): go on to confirm, rehearse,
 * choose another repair, or quit. A plan with no steps has nothing to run;
 * after a failed rehearsal the repair would fail the same way, so it is not offered.
 */
export function previewQuestion(plan: RepairPlan, rehearsal: ApplyResult | null): ChoiceQuestion<PreviewAction> {
  const runnable = plan.steps.length > 0;
  const failed = rehearsal !== null && !rehearsal.ok;
  const phase = plan.steps.some((s) => s.outsideTransaction) ? ' (the after-COMMIT phase is not part of it)' : '';
  const apply: Choice<PreviewAction> = {
    value: 'apply',
    name: 'type the database name to confirm, then the plan runs',
    aliases: ['a', 'confirm'],
    ...(runnable ? {} : { disabled: 'this plan has nothing to run' }),
    ...(failed ? { disabled: 'the rehearsal failed, so the repair would fail too' } : {}),
  };
  const rehearse: Choice<PreviewAction> = {
    value: 'rehearse',
    name: `run the whole plan and its verification on this database, then roll back${phase}`,
    aliases: ['r'],
    ...(runnable ? {} : { disabled: 'this plan has nothing to run' }),
  };
  const back: Choice<PreviewAction> = { value: 'back', name: 'choose another repair', aliases: ['b'] };
  return {
    message: rehearsal ? 'Apply this plan, now that it was rehearsed?' : 'Apply this plan?',
    choices: [apply, rehearse, back, QUIT],
    ...(runnable && !failed ? { default: 'apply' as const } : {}),
  };
}

export type RetypeAction = 'again' | 'back' | 'quit';

/** After a name that is not the database's: nothing ran; type it again, go back to the plan, or quit. */
export function retypeQuestion(database: string): ChoiceQuestion<RetypeAction> {
  return {
    message: 'Type the name again?',
    choices: [
      { value: 'again', name: `type exactly ${database}`, aliases: ['a', 'y', 'yes'] },
      { value: 'back', name: 'back to the plan', aliases: ['b'] },
      QUIT,
    ],
    default: 'again',
  };
}
