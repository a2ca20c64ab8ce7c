import { createInterface, type Interface } from 'node:readline';
import { wrapText } from '../ink/lines.js';
import { tint } from './paint.js';
import { matchChoice, QuestionAborted, yesNo, type Asker, type Choice, type ChoiceQuestion } from './questions.js';

export interface LineAskerOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
  /** Aborted on Ctrl-C: the pending question rejects with `interrupt`. */
  signal: AbortSignal;
}

/**
 * Questions as lines, answers as typed lines: for input that is not a
 * terminal (answers piped in, `kubectl exec -i`) and terminals that cannot
 * redraw (TERM=dumb). One readline reads the whole input for the whole run
 * into a queue, so answers piped in at once each reach their own question
 * (a readline per question would swallow the later ones); choices are
 * numbered and answered by number or name. Nothing it writes moves the
 * cursor, so a log reads as a transcript.
 */
export class LineAsker implements Asker {
  private readonly rl: Interface;
  private readonly queue: string[] = [];
  private waiter: ((line: string | null) => void) | null = null;
  private ended = false;
  /** A terminal echoes what is typed; a pipe does not, so the transcript repeats the answer. */
  private readonly echo: boolean;
  /** At a terminal, lines typed while nothing was asked (an Enter during detection) must not answer the next question. */
  private readonly dropUnasked: boolean;

  constructor(private readonly options: LineAskerOptions) {
    const tty = (options.input as { isTTY?: boolean }).isTTY === true;
    this.echo = !tty;
    this.dropUnasked = tty;
    this.rl = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
    this.rl.on('line', (line) => this.take(line));
    this.rl.on('close', () => {
      this.ended = true;
      this.settle(null);
    });
  }

  async choose<T extends string>(question: ChoiceQuestion<T>): Promise<T> {
    this.write(`${this.prefix()} ${question.message}`);
    const pad = Math.max(...question.choices.map((c) => c.value.length));
    question.choices.forEach((c, i) => this.write(this.choiceText(c, i, pad)));
    const range = `1–${question.choices.length}`;
    const hint = question.default ? `number or name, Enter for ${question.default}` : `number or name`;
    for (;;) {
      const answer = await this.ask(`  answer (${hint}): `, question.message);
      if (answer.trim() === '' && question.default) return question.default;
      const choice = matchChoice(question.choices, answer);
      if (choice?.disabled) this.complain(`${choice.value} cannot be chosen here: ${choice.disabled}`);
      else if (choice) return choice.value;
      else if (answer.trim() === '') this.complain(`nothing is chosen for you here: type one of ${range} or a name`);
      else this.complain(`"${answer.trim()}" is not one of the answers: type one of ${range} or ${question.choices.map((c) => c.value).join(', ')}`);
    }
  }

  async text(message: string): Promise<string> {
    return this.ask(`${this.prefix()} ${message}: `, message);
  }

  async confirm(message: string, defaultAnswer: boolean): Promise<boolean> {
    for (;;) {
      const answer = await this.ask(`${this.prefix()} ${message} (${defaultAnswer ? 'Y/n' : 'y/N'}): `, message);
      const meaning = yesNo(answer, defaultAnswer);
      if (meaning !== null) return meaning;
      this.complain('answer y or n');
    }
  }

  close(): void {
    this.rl.close();
  }

  private prefix(): string {
    return tint('?', 'accent', this.options.color, true);
  }

  private choiceText<T extends string>(choice: Choice<T>, index: number, pad: number): string {
    const { color } = this.options;
    const head = `  ${index + 1}) ${tint(choice.value.padEnd(pad), choice.disabled ? 'dim' : 'accent', color, !choice.disabled)}  ${choice.name}`;
    const indent = '       ';
    const width = Math.max(20, ((this.options.output as { columns?: number }).columns ?? 101) - 1 - indent.length);
    const details = [...(choice.disabled ? [`not applicable: ${choice.disabled}`] : []), ...(choice.description ? [choice.description] : [])];
    const rows = details.flatMap((d) => wrapText(d, width)).map((row) => `${indent}${tint(row, 'dim', color)}`);
    return [head, ...rows].join('\n');
  }

  private complain(text: string): void {
    this.write(`  ${tint(text, 'warn', this.options.color)}`);
  }

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  /** Writes the prompt and waits for the next line; rejects when the operator leaves instead. */
  private async ask(prompt: string, question: string): Promise<string> {
    this.options.output.write(prompt);
    let line: string;
    try {
      line = await this.nextLine(question);
    } catch (error) {
      // The prompt is left open on its row: end it, so what follows starts a line.
      this.options.output.write('\n');
      throw error;
    }
    if (this.echo) this.options.output.write(`${line}\n`);
    return line;
  }

  private nextLine(question: string): Promise<string> {
    const { signal } = this.options;
    if (signal.aborted) return Promise.reject(new QuestionAborted('interrupt', question));
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.reject(this.endedAt(question));
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        this.waiter = null;
        reject(new QuestionAborted('interrupt', question));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiter = (line) => {
        signal.removeEventListener('abort', onAbort);
        if (line === null) reject(this.endedAt(question));
        else resolve(line);
      };
    });
  }

  /** Ctrl-D at a terminal is a person leaving; a pipe that ran dry is a missing answer. */
  private endedAt(question: string): QuestionAborted {
    return new QuestionAborted(this.dropUnasked ? 'interrupt' : 'input-ended', question);
  }

  private take(line: string): void {
    if (this.waiter) this.settle(line);
    else if (!this.dropUnasked) this.queue.push(line);
  }

  private settle(line: string | null): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(line);
  }
}
