import { Writable } from 'node:stream';
import { confirm, input, select } from '@inquirer/prompts';
import { wrapText } from '../ink/lines.js';
import { QuestionAborted, type Asker, type ChoiceQuestion } from './questions.js';

export interface TerminalAskerOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
  /** Aborted on Ctrl-C outside a prompt (a prompt sees Ctrl-C itself, in raw mode). */
  signal: AbortSignal;
}

const same = (text: string) => text;

/**
 * Inquirer's default theme colours through `util.styleText` whatever the
 * stream; this one spells the same prompts without a colour. (Inquirer still
 * moves the cursor to redraw a menu: this asker is only used at a terminal
 * that can, see `createAsker`.)
 */
const NO_COLOR_THEME = {
  prefix: { idle: '?', done: '✔' },
  spinner: { interval: 80, frames: ['-', '\\', '|', '/'] },
  style: {
    answer: same,
    message: same,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: same,
    highlight: same,
    key: (text: string) => `<${text}>`,
    disabled: same,
    description: same,
    confirmDefault: (text: string) => text.toUpperCase(),
    keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${key} ${action}`).join(' · '),
  },
};

/** Inquirer's ways of saying the prompt ended without an answer: Ctrl-C, Ctrl-D, our abort. */
const LEFT = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

/**
 * Questions at a real terminal, with @inquirer/prompts: a menu moved with
 * the arrow keys (or a typed number), the database name typed on its line.
 * Ctrl-C and Ctrl-D at a prompt are the operator leaving.
 */
export class TerminalAsker implements Asker {
  constructor(private readonly options: TerminalAskerOptions) {}

  choose<T extends string>(question: ChoiceQuestion<T>): Promise<T> {
    const pad = Math.max(...question.choices.map((c) => c.value.length));
    // Inquirer cuts long rows at the terminal's edge, mid-word: what would not fit is wrapped here.
    const width = Math.max(20, ((this.options.output as { columns?: number }).columns ?? 80) - 1);
    const wrap = (text: string) => wrapText(text, width).join('\n');
    // A menu row only says a choice is off; why goes above the menu, where it has room.
    for (const c of question.choices) {
      if (c.disabled) this.options.output.write(`${wrap(`${c.value} is not applicable here: ${c.disabled}`)}\n`);
    }
    // A row is `❯ 1. value  name`, plus ` (not applicable)`: it must fit on one line, or the menu redraws badly.
    const fit = (c: (typeof question.choices)[number]) => {
      const room = width - 6 - pad - 2 - (c.disabled ? 17 : 0);
      return c.name.length > room ? `${c.name.slice(0, Math.max(1, room - 1))}…` : c.name;
    };
    const choices = question.choices.map((c) => ({
      value: c.value,
      name: `${c.value.padEnd(pad)}  ${fit(c)}`,
      short: c.value,
      ...(c.description ? { description: wrap(c.description) } : {}),
      ...(c.disabled ? { disabled: '(not applicable)' } : {}),
    }));
    const config = {
      message: question.message,
      choices,
      loop: false,
      pageSize: Math.max(7, choices.length),
      theme: this.theme({ indexMode: 'number' as const }),
      ...(question.default !== undefined ? { default: question.default } : {}),
    };
    return this.run(question.message, () => select<T>(config, this.context()));
  }

  text(message: string): Promise<string> {
    return this.run(message, () => input({ message: `${message}:`, theme: this.theme({}) }, this.context()));
  }

  confirm(message: string, defaultAnswer: boolean): Promise<boolean> {
    return this.run(message, () => confirm({ message, default: defaultAnswer, theme: this.theme({}) }, this.context()));
  }

  close(): void {
    // Each prompt closes its own readline.
  }

  private theme<E extends object>(extra: E): E {
    return this.options.color ? extra : { ...NO_COLOR_THEME, ...extra };
  }

  private context() {
    return { input: this.options.input, output: forwardTo(this.options.output), signal: this.options.signal };
  }

  private async run<R>(at: string, prompt: () => Promise<R>): Promise<R> {
    if (this.options.signal.aborted) throw new QuestionAborted('interrupt', at);
    try {
      return await prompt();
    } catch (error) {
      if (error instanceof Error && LEFT.has(error.name)) throw new QuestionAborted('interrupt', at);
      throw error;
    }
  }
}

/**
 * Inquirer pipes each prompt's output into the stream it is given and ends
 * it with the prompt (harmless for process.stdout, which a pipe never ends;
 * fatal for any other stream, which the next prompt could not write to).
 * Each prompt gets this stand-in: writes go through, the end stays with it,
 * and the terminal's size and TTY-ness are read from the real stream.
 */
function forwardTo(output: NodeJS.WritableStream): Writable {
  const target = output as NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  const stand = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      target.write(chunk);
      done();
    },
  });
  for (const key of ['isTTY', 'columns', 'rows'] as const) Object.defineProperty(stand, key, { get: () => target[key] });
  return stand;
}
