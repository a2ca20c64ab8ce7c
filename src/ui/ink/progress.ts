import spinners from 'cli-spinners';
import type { DetectPhase } from '../../core/engine.js';
import type { DetectEntry, Span } from './wizard-state.js';

/** The `dots` spinner's frames (cli-spinners, the set ink-spinner and ora draw from). */
const FRAMES = spinners.dots.frames;

/**
 * The spinner's frame after `ms` of a phase: the spinners turn with the
 * container's one clock, so a running repair is redrawn ten times a second
 * at most (a spinner with its own timer redraws the whole frame too, while
 * the repair holds its locks).
 */
export function spinnerFrame(ms: number): string {
  return FRAMES[Math.floor(Math.max(0, ms) / 100) % FRAMES.length] ?? FRAMES[0]!;
}

/** Elapsed time as the spinners show it: always tenths of a second, `0.4 s`, `12.3 s`. */
export function elapsed(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

/** How long a span has run: to its end, or to `now` while it runs. */
export function spanMs(span: Span | undefined, now: number): number {
  if (!span) return 0;
  return (span.end ?? now) - span.start;
}

/** A progress message split into its words and its `n/total` count, when it ends in `(7/20)`. */
export interface Counted {
  text: string;
  count: string | null;
}

const COUNT = /\s*\((\d+)\s*\/\s*(\d+)\)\s*$/;

/** `replaying 007_add_task_queues (7/20)` → `replaying 007_add_task_queues` and `7/20`. */
export function splitCount(message: string): Counted {
  const match = COUNT.exec(message);
  if (!match) return { text: message, count: null };
  return { text: message.slice(0, match.index), count: `${match[1]}/${match[2]}` };
}

/** What each detection phase is called on its row. */
export const PHASE_NAMES: Readonly<Record<DetectPhase, string>> = {
  ledger: 'ledger',
  files: 'files',
  replay: 'replay',
  live: 'snapshot',
  models: 'models',
  compare: 'compare',
  diagnose: 'diagnose',
};

/** One row of the detection checklist: a phase, its latest message, and how long it took (or has taken). */
export interface PhaseRow {
  phase: DetectPhase;
  message: Counted;
  ms: number;
  /** The phase still running (the last one, while detection runs). */
  running: boolean;
}

/**
 * Detection's reports as a checklist: consecutive reports of one phase share
 * a row showing the latest; a row lasts until the next one starts.
 */
export function phaseRows(log: readonly DetectEntry[], now: number, running: boolean): PhaseRow[] {
  const rows: { phase: DetectPhase; message: string; start: number }[] = [];
  for (const entry of log) {
    const last = rows.at(-1);
    if (last && last.phase === entry.phase) last.message = entry.message;
    else rows.push({ phase: entry.phase, message: entry.message, start: entry.at });
  }
  return rows.map((row, i) => {
    const next = rows[i + 1];
    return { phase: row.phase, message: splitCount(row.message), ms: (next ? next.start : now) - row.start, running: running && !next };
  });
}
