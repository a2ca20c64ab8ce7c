import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';

import { stripAnsi, tick, waitFor } from './text.js';

export { stripAnsi, tick, waitFor } from './text.js';

export const KEY = {
  enter: '\r',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  esc: '\u001B',
  pageDown: '\u001B[6~',
  end: '\u001B[F',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;


/** The screen's words on one line: whitespace collapsed and a box's borders gone, so wrapped sentences read whole. */
export function flat(screen: string): string {
  return screen.replace(/[│╭╮╰╯]|─{2,}/g, ' ').replace(/\s+/g, ' ');
}

/** Longest wait for a redraw after a key, beyond Ink's own. */
const SETTLE_MS = 400;

/** Renders, and gives keystrokes that wait for Ink to process them. */
export function renderUi(tree: ReactElement, size: { rows: number; columns?: number } = { rows: 40 }) {
  const instance = render(tree);
  const stdout = instance.stdout as unknown as { rows?: number; columns: number; emit: (e: string) => boolean };
  // ink-testing-library's stdout has no rows; give it a terminal's height so screens lay out as in a real one.
  Object.defineProperty(stdout, 'rows', { value: size.rows, configurable: true });
  if (size.columns) Object.defineProperty(stdout, 'columns', { value: size.columns, configurable: true });
  stdout.emit('resize');
  /** After a key: Ink's own wait, then up to `settleMs` more for a redraw (a loaded machine is slow; a key that changes nothing just waits). */
  const settle = async (before: string | undefined, ms: number) => {
    await tick(ms);
    const start = Date.now();
    while (instance.lastFrame() === before && Date.now() - start < SETTLE_MS) await tick(10);
  };
  return {
    ...instance,
    /** The last frame, unstyled. */
    screen: () => stripAnsi(instance.lastFrame() ?? ''),
    /** Writes keys one at a time, waiting after each (Esc needs Ink's escape disambiguation to settle). */
    async press(...keys: string[]) {
      for (const key of keys) {
        const before = instance.lastFrame();
        instance.stdin.write(key);
        await settle(before, key === KEY.esc ? 100 : 50);
      }
    },
    async type(text: string) {
      const before = instance.lastFrame();
      instance.stdin.write(text);
      await settle(before, 50);
    },
  };
}


type Ui = ReturnType<typeof renderUi>;

/** What each screen shows once it is ready, to wait on after a key. */
export const MARK = {
  connect: 'Enter detect drift',
  detect: 'What the ledger says against what exists',
  explain: 'Why they disagree',
  choose: 'Choose a repair',
  preview: 'Dry run: nothing has run yet',
  confirm: 'Type the database name',
} as const;

const ORDER = ['connect', 'detect', 'explain', 'choose', 'preview', 'confirm'] as const;

/** Presses Enter from Connect until `screen` is showing (with the recommended/first strategy). */
export async function walkTo(ui: Ui, screen: (typeof ORDER)[number]): Promise<void> {
  await waitFor(() => ui.screen().includes(MARK.connect));
  for (const next of ORDER.slice(1, ORDER.indexOf(screen) + 1)) {
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes(MARK[next]));
  }
}

/** Rows of a frame longer than `columns`, and whether the frame leaves a row free (Ink clears a window it fills). */
export function overflow(frame: string, size: { rows: number; columns: number }): { tooWide: string[]; tooTall: boolean } {
  const lines = frame.split('\n');
  return { tooWide: lines.filter((l) => [...l].length > size.columns), tooTall: lines.length >= size.rows };
}
