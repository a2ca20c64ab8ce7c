/**
 * The questions plain mode asks, apart from how they are put: one `Asker`
 * per run, either inquirer's prompts at a real terminal or one line per
 * answer (piped input, logs, dumb terminals). The walk asks the same
 * questions, with the same answers, through either.
 */

/** One answer a choice question offers. */
export interface Choice<T extends string> {
  value: T;
  /** One line: what this answer does. */
  name: string;
  /** What follows from it, shown under it (the line mode) or under the menu for the one selected (a terminal). */
  description?: string;
  /** Why it cannot be picked here; it is shown, never taken. */
  disabled?: string;
  /** Other words that pick it when answers are typed (`q` for quit). */
  aliases?: readonly string[];
}

export interface ChoiceQuestion<T extends string> {
  message: string;
  choices: readonly Choice<T>[];
  /** Taken on an empty answer; none means the operator must pick. */
  default?: T;
}

/** Puts questions to the operator; every method rejects with `QuestionAborted` when they leave instead of answering. */
export interface Asker {
  choose<T extends string>(question: ChoiceQuestion<T>): Promise<T>;
  /** Free text, returned exactly as typed (the database name). */
  text(message: string): Promise<string>;
  confirm(message: string, defaultAnswer: boolean): Promise<boolean>;
  /** Releases the input (the process's stdin must not keep it running). */
  close(): void;
}

/**
 * How the operator left without answering: `interrupt` is Ctrl-C (or Ctrl-D
 * at a terminal: a person's way out); `input-ended` is input that is not a
 * terminal running out, so an answer the script should have given is missing.
 */
export type AbortReason = 'interrupt' | 'input-ended';

/** The operator left at `at` (a question, or the engine call they interrupted). */
export class QuestionAborted extends Error {
  constructor(
    readonly reason: AbortReason,
    readonly at: string,
  ) {
    super(reason === 'interrupt' ? `interrupted at: ${at}` : `input ended before an answer to: ${at}`);
    this.name = 'QuestionAborted';
  }
}

/** The choice a typed answer names: its number (1-based), its value or an alias, any case. */
export function matchChoice<T extends string>(choices: readonly Choice<T>[], answer: string): Choice<T> | undefined {
  const typed = answer.trim().toLowerCase();
  if (/^\d+$/.test(typed)) return choices[Number(typed) - 1];
  return choices.find((c) => c.value.toLowerCase() === typed || (c.aliases ?? []).some((a) => a.toLowerCase() === typed));
}

/** What a typed yes/no answer means; null when it is neither. */
export function yesNo(answer: string, defaultAnswer: boolean): boolean | null {
  const typed = answer.trim().toLowerCase();
  if (typed === '') return defaultAnswer;
  if (typed === 'y' || typed === 'yes') return true;
  if (typed === 'n' || typed === 'no') return false;
  return null;
}
