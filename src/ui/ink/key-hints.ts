import { checkExhaustive } from '../../core/types.js';
import type { Screen } from './wizard-state.js';

/** One key and what it does here. */
export interface KeyHint {
  keys: string;
  action: string;
}

/** What the footer shows: the keys, and a sentence when a key is deliberately off. */
export interface Hints {
  keys: KeyHint[];
  note: string | null;
}

/** What the current screen can do, beyond its name. */
export interface HintContext {
  /** The screen's data is there (connected, detected, planned). */
  ready: boolean;
  /** Diagnosis refuses repairs: no way forward from Explain. */
  refused: boolean;
  /** The rehearsal shown worked, so Enter may go on to Confirm. */
  rehearsalOk?: boolean;
  /** Whether `d` shows details here, and whether they are showing; absent where there are none. */
  details?: 'on' | 'off';
  /** `m` writes the incident report (the front end can, and detection ended). */
  canReport?: boolean;
}

const QUIT: KeyHint = { keys: 'q', action: 'quit (nothing changed)' };
const BACK: KeyHint = { keys: 'Esc', action: 'back' };
/**
 * Scrolling is not in the footer: a screen that scrolls says so on its
 * position line, exactly when there is more to see. The help lists it.
 */
export const SCROLL: KeyHint = { keys: '↑/↓ PgUp/PgDn', action: 'scroll (Home/End: first/last row)' };
export const HELP: KeyHint = { keys: '?', action: 'help' };
const WRITE_PLAN: KeyHint = { keys: 'w', action: 'write the plan to a file' };

/** What `d` shows on a screen, and what it goes back to. */
const DETAILS: Partial<Record<Screen, { on: string; off: string }>> = {
  detect: { off: 'per-object drift', on: 'per-migration table' },
  explain: { off: 'all evidence, weighed', on: 'fewer details' },
  verify: { off: 'timings and locks', on: 'fewer details' },
};

/** The `d` hint for this screen, if it has details. */
export function detailsHint(screen: Screen, details: HintContext['details']): KeyHint | null {
  const words = DETAILS[screen];
  if (!words || !details) return null;
  return { keys: 'd', action: details === 'on' ? words.on : words.off };
}

/** Whether a screen has a details view. */
export function hasDetails(screen: Screen): boolean {
  return DETAILS[screen] !== undefined;
}

/** The screen's own keys, then `d`, `?`, Esc and q, in that order wherever they apply. */
function withCommon(screen: Screen, keys: readonly KeyHint[], context: HintContext): KeyHint[] {
  const details = detailsHint(screen, context.details);
  const last = (k: KeyHint) => k.keys === 'Esc' || k.keys === 'q' || k.keys === 'Ctrl+C';
  const own = keys.filter((k) => !last(k));
  const tail = keys.filter(last);
  return [...own, ...(details ? [details] : []), HELP, ...tail];
}

function walkHints(screen: Screen, context: HintContext): KeyHint[] {
  switch (screen) {
    case 'connect':
      return context.ready ? [{ keys: 'Enter', action: 'detect drift' }, QUIT] : [QUIT];
    case 'detect':
      return context.ready ? [{ keys: 'Enter', action: 'explain' }, BACK, QUIT] : [BACK, QUIT];
    case 'explain': {
      const browse: KeyHint[] = [
        { keys: '↑/↓', action: 'select' },
        { keys: 'Space/→', action: 'expand' },
      ];
      return context.refused ? [...browse, BACK, QUIT] : [...browse, { keys: 'Enter', action: 'choose a repair' }, BACK, QUIT];
    }
    case 'choose':
      return context.ready
        ? [{ keys: '↑/↓', action: 'select' }, { keys: 'Enter', action: 'preview' }, BACK, QUIT]
        : [BACK, QUIT];
    case 'preview':
      return context.ready
        ? [{ keys: 'r', action: 'rehearse (then roll back)' }, WRITE_PLAN, { keys: 'Enter', action: 'confirm' }, BACK, QUIT]
        : [BACK, QUIT];
    case 'confirm':
      return [{ keys: 'Enter', action: 'apply' }, BACK, { keys: 'Ctrl+C', action: 'quit (nothing changed)' }];
    default:
      return [];
  }
}

/** The footer while the help is open. */
export const HELP_OPEN: Hints = {
  keys: [SCROLL, { keys: '? or Esc', action: 'close the help' }],
  note: null,
};

/** The footer for a screen. */
export function hintsFor(screen: Screen, context: HintContext): Hints {
  switch (screen) {
    case 'connect':
    case 'detect':
    case 'explain':
    case 'choose':
    case 'preview':
    case 'confirm':
      return { keys: withCommon(screen, walkHints(screen, context), context), note: null };
    case 'apply':
      return { keys: [], note: 'q, Esc and Ctrl+C are off while the repair runs: it must not be interrupted.' };
    case 'rehearse':
      return { keys: [], note: 'q, Esc and Ctrl+C are off while the rehearsal runs; it rolls back by itself when it ends.' };
    case 'rehearsal': {
      const back: KeyHint = { keys: 'Esc', action: 'back to the preview' };
      return context.rehearsalOk
        ? { keys: [{ keys: 'Enter', action: 'confirm' }, HELP, back, QUIT], note: null }
        : { keys: [HELP, back, QUIT], note: 'Enter is off: the rehearsal failed, so the repair would fail too.' };
    }
    case 'verify':
    case 'in-sync':
    case 'error': {
      const report: KeyHint[] = context.canReport ? [{ keys: 'm', action: 'write incident report (Markdown)' }] : [];
      const details = detailsHint(screen, context.details);
      return { keys: [...report, ...(details ? [details] : []), HELP, { keys: 'Enter/q', action: 'exit' }], note: null };
    }
    default:
      return checkExhaustive(screen);
  }
}

const SEPARATOR = ' · ';

/** Hints packed into rows of at most `width` columns, breaking between hints. */
export function hintRows(hints: Hints, width: number): KeyHint[][] {
  const rows: KeyHint[][] = [];
  let row: KeyHint[] = [];
  let used = 0;
  for (const hint of hints.keys) {
    const size = hint.keys.length + 1 + hint.action.length;
    const extra = row.length === 0 ? size : SEPARATOR.length + size;
    if (row.length > 0 && used + extra > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    used += row.length === 0 ? size : extra;
    row.push(hint);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Rows the footer takes at this width (the note wraps as a paragraph). */
export function footerHeight(hints: Hints, width: number): number {
  const note = hints.note ? Math.ceil(hints.note.length / Math.max(1, width)) : 0;
  return hintRows(hints, width).length + note;
}
