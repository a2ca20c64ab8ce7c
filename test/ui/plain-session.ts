import { PassThrough } from 'node:stream';
import type { Engine } from '../../src/core/engine.js';
import { runPlain, type RunPlainOptions } from '../../src/ui/plain/run-plain.js';
import { stripAnsi, waitFor } from './text.js';

export interface PlainSessionOptions extends Omit<RunPlainOptions, 'streams'> {
  /** Answers written before the walk starts, one line each, all at once (as a pipe delivers them). */
  answers?: string[];
  /** End the input after `answers` (a pipe that runs dry). */
  endInput?: boolean;
  /** Streams that say they are a terminal (the inquirer asker), with raw mode a no-op. */
  terminal?: boolean;
}

/** A terminal's stdin and stdout, faked: what inquirer checks and calls. */
function terminalStreams(): { input: PassThrough; output: PassThrough } {
  const input = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 40 });
  return { input, output };
}

/** `runPlain` on in-memory streams: the operator's answers in, the transcript out. */
export function plainSession(engine: Engine, options: PlainSessionOptions = {}) {
  const { answers = [], endInput = false, terminal = false, ...run } = options;
  const { input, output } = terminal ? terminalStreams() : { input: new PassThrough(), output: new PassThrough() };
  let raw = '';
  output.on('data', (chunk: Buffer) => (raw += chunk.toString()));
  if (answers.length > 0) input.write(answers.map((a) => `${a}\n`).join(''));
  if (endInput) input.end();
  const exit = runPlain(engine, { color: false, ...run, streams: { input, output } });
  return {
    exit,
    /** Everything written, escapes included. */
    raw: () => raw,
    /** Everything written, as read. */
    text: () => stripAnsi(raw),
    /** Writes one answer (a line), or raw keys at a terminal. */
    answer: (line: string) => input.write(`${line}\n`),
    keys: (keys: string) => input.write(keys),
    end: () => input.end(),
    /** Waits until the transcript shows `text` `times` times. */
    waitFor: (text: string, timeoutMs = 20_000, times = 1) =>
      waitFor(() => stripAnsi(raw).split(text).length > times, timeoutMs),
  };
}

/** The transcript from `marker` on (the last time it appears). */
export function after(text: string, marker: string): string {
  const at = text.lastIndexOf(marker);
  return at < 0 ? '' : text.slice(at);
}
