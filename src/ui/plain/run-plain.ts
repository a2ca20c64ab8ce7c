import type { Engine } from '../../core/engine.js';
import { colorEnabled } from '../color.js';
import { Interrupt } from './interrupt.js';
import { LineAsker } from './line-asker.js';
import { tint } from './paint.js';
import { QuestionAborted, type Asker } from './questions.js';
import type { IncidentRecord } from '../../report/incident.js';
import { wizardRecord } from '../ink/incident-record.js';
import { wrapText } from '../ink/lines.js';
import { TerminalAsker } from './terminal-asker.js';
import { PlainWalk } from './walk.js';

export interface PlainStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

export interface RunPlainOptions {
  /** The process's stdin and stdout when absent. */
  streams?: PlainStreams;
  /** Where the engine connects (a masked URL, `host:port/db`), named while it connects. */
  target?: string;
  /** Colour on or off; when absent, the one rule of `colorEnabled` for the output stream. */
  color?: boolean;
  /** Writes the incident report once the operator asks for it; resolves with its path, or null when none was written. */
  offerReport?: (record: IncidentRecord) => Promise<string | null>;
}

interface Terminalish {
  isTTY?: boolean;
  columns?: number;
}

/**
 * Inquirer's prompts redraw with cursor movements, so they are used only
 * where a terminal can show them: input and output both terminals, and not
 * TERM=dumb. Anywhere else (answers piped in, output to a log, `kubectl exec`
 * without -t, an Emacs shell) questions are lines and answers are typed
 * lines, and not one escape is written unless colour is on.
 */
export function askerFor(streams: PlainStreams, color: boolean, signal: AbortSignal, env: NodeJS.ProcessEnv = process.env): Asker {
  const terminal = (streams.input as Terminalish).isTTY === true && (streams.output as Terminalish).isTTY === true && env.TERM !== 'dumb';
  return terminal ? new TerminalAsker({ ...streams, color, signal }) : new LineAsker({ ...streams, color, signal });
}

/**
 * The wizard's walk with one question per line (`drift-doctor --ui plain`),
 * and the exit code: 0 when verified or nothing to repair, 1 when the
 * operator quit with drift left (Ctrl-C and Ctrl-D at a terminal are a quit),
 * 2 on an error, after a failed repair, or when input that is not a terminal
 * ends before a question is answered (a script's missing answer: nothing was
 * changed, and the message says which question), 3 when repairs are refused.
 * Never exits the process and never prints a stack; the caller closes the engine.
 */
export async function runPlain(engine: Engine, options: RunPlainOptions = {}): Promise<number> {
  const streams = options.streams ?? { input: process.stdin, output: process.stdout };
  const color = options.color ?? colorEnabled(streams.output as Terminalish);
  const write = (text: string) => streams.output.write(`${text}\n`);
  // On a line of its own: a terminal has just echoed ^C where the cursor was.
  const interrupt = new Interrupt((text) => write(`\n${tint(text, 'warn', color)}`));
  const asker = askerFor(streams, color, interrupt.signal);
  const columns = (streams.output as Terminalish).columns;
  const width = Math.max(40, (columns ?? 101) - 1);
  const walk = new PlainWalk(engine, {
    asker,
    interrupt,
    write,
    color,
    width,
    ...(options.target !== undefined ? { target: options.target } : {}),
  });
  const startedAt = new Date().toISOString();
  try {
    await walk.run();
    await offerReport(walk, asker, options.offerReport, startedAt);
  } catch (error) {
    if (!(error instanceof QuestionAborted)) throw error;
    const code = aborted(walk, error);
    if (code !== null) return code;
  } finally {
    interrupt.dispose();
    asker.close();
  }
  walk.send({ type: 'quit' });
  const quit = walk.state.quit;
  if (quit?.farewell) write(`\n${wrapText(quit.farewell, width).map((l) => tint(l, 'accent', color)).join('\n')}`);
  return quit?.code ?? 2;
}

/**
 * The operator left at a question (or during detection). Ctrl-C is a quit:
 * null, so the farewell and the code are the wizard's. Input that ran dry is
 * an answer missing: exit 2, naming the question; nothing was changed, since
 * no question is asked between the start of a repair and its verification.
 */
function aborted(walk: PlainWalk, error: QuestionAborted): number | null {
  if (error.reason === 'interrupt') return null;
  walk.say(
    [{ text: `input ended before an answer to "${error.at}": nothing was changed`, tone: 'danger', bold: true }],
    [
      {
        text:
          'What to do: give one answer per line for every question (a number or a name at a menu, y or n, the database name), ' +
          'or repair without questions: drift-doctor repair --strategy <create-all|rerun|sync-ledger> --dry-run, then --yes',
      },
    ],
  );
  return 2;
}

/** The end screens where the Ink wizard offers the report (`m`); not after a quit. */
const REPORTABLE = new Set(['verify', 'in-sync', 'error']);

/**
 * Where the walk ended on one of those screens, with something detected:
 * the question, then the caller writes the report. Leaving at this question
 * changes nothing about how the walk ended.
 */
async function offerReport(walk: PlainWalk, asker: Asker, write: RunPlainOptions['offerReport'], startedAt: string): Promise<void> {
  // The same record the Ink wizard writes its report from.
  const record = wizardRecord(walk.state, new Date(startedAt), new Date());
  if (!write || !record || !REPORTABLE.has(walk.state.screen)) return;
  try {
    if (!(await asker.confirm('Write an incident report? (Markdown)', false))) return;
    const path = await write({ ...record, finishedAt: new Date().toISOString() });
    walk.say(path ? [{ text: `report: ${path}`, tone: 'accent' }] : [{ text: 'no report was written', tone: 'dim' }]);
  } catch (error) {
    if (error instanceof QuestionAborted) {
      walk.say([{ text: 'no report was written', tone: 'dim' }]);
      return;
    }
    const { message, hint } = error as { message?: unknown; hint?: unknown };
    walk.say(
      [{ text: `the report could not be written: ${typeof message === 'string' ? message : String(error)}`, tone: 'danger' }],
      ...(typeof hint === 'string' ? [[{ text: `What to do: ${hint}` }]] : []),
    );
  }
}
