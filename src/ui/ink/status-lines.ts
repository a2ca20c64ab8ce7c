import type { Hints } from './key-hints.js';
import { lineWidth, paragraph, type Line } from './lines.js';
import type { FileNotice } from './wizard-state.js';

const WHAT = { plan: 'the plan (SQL)', report: 'the incident report' } as const;

/** The prompt's lead, per file. */
const ASK = { plan: 'Write the plan to: ', report: 'Write the incident report to: ' } as const;

/** What became of a file the operator asked for: the path on the same row when it fits, else whole on the next. */
export function noticeLines(notice: FileNotice, width: number): Line[] {
  if (notice.ok) {
    const lead = `${WHAT[notice.what]} written to `;
    if (lead.length + notice.path.length <= width) return [[{ text: lead, tone: 'ok', bold: true }, { text: notice.path }]];
    return [[{ text: lead.trimEnd(), tone: 'ok', bold: true }], ...paragraph(notice.path, { width, lead: [{ text: '  ' }] })];
  }
  return paragraph(notice.message, { width, lead: [{ text: `${WHAT[notice.what]} not written: `, tone: 'danger', bold: true }], tone: 'danger' });
}

/** The file-name prompt, with a cursor after what was typed (on a row of its own when the last row is full). */
export function promptLines(what: FileNotice['what'], text: string, width: number): Line[] {
  const rows = paragraph(text, { width, lead: [{ text: ASK[what], bold: true }], tone: 'accent' });
  const cursor = { text: ' ', inverse: true };
  const last = rows.at(-1) ?? [];
  if (lineWidth(last) < width) return [...rows.slice(0, -1), [...last, cursor]];
  return [...rows, [cursor]];
}

/** The footer while the prompt is open. */
export const PROMPT_HINTS: Hints = {
  keys: [
    { keys: 'Enter', action: 'write (never over an existing file)' },
    { keys: 'Ctrl+U', action: 'clear' },
    { keys: 'Esc', action: 'cancel' },
  ],
  note: null,
};
