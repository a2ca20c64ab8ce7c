import type { Tone } from './theme.js';

/**
 * Screens that can outgrow the terminal are built as pre-wrapped lines, so a
 * viewport can count them exactly: Ink redraws the whole terminal (and
 * flickers) once a frame is as tall as the window.
 */

/** From this width on, screens use a second column (SQL beside its step, details beside the table). */
export const WIDE_COLUMNS = 140;

/** Whether a screen this wide gets two columns. */
export function isWide(width: number): boolean {
  return width >= WIDE_COLUMNS;
}

/** A run of text in one style; `text` may already carry ANSI colours (SQL). */
export interface Span {
  text: string;
  tone?: Tone;
  bold?: boolean;
  inverse?: boolean;
}

/** One terminal row. */
export type Line = readonly Span[];

/** Breaks one paragraph into rows of at most `width` characters, at spaces when it can. */
function wrapParagraph(paragraph: string, width: number): string[] {
  const rows: string[] = [];
  let rest = paragraph.trimEnd();
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    // A path or URL has no spaces: break after a slash rather than inside a name.
    const slash = rest.lastIndexOf('/', width - 1);
    const at = cut > 0 ? cut : slash > 0 ? slash + 1 : width;
    rows.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^ /, '');
  }
  rows.push(rest);
  return rows;
}

/** Wraps text (which may contain newlines) to rows of at most `width` characters. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, w));
}

export interface ParagraphOptions {
  width: number;
  /** Spans before the first row (a marker, a number); later rows are indented by their length. */
  lead?: Span[];
  tone?: Tone;
  bold?: boolean;
}

/** A wrapped paragraph with a hanging indent under its lead. */
export function paragraph(text: string, options: ParagraphOptions): Line[] {
  const lead = options.lead ?? [];
  const indent = lead.reduce((n, span) => n + span.text.length, 0);
  const rows = wrapText(text, options.width - indent);
  return rows.map((row, i) => [
    ...(i === 0 ? lead : [{ text: ' '.repeat(indent) }]),
    { text: row, tone: options.tone, bold: options.bold },
  ]);
}

/** A line of one span. */
export function line(text: string, tone?: Tone, bold?: boolean): Line {
  return [{ text, tone, bold }];
}

/** An empty row. */
export const BLANK: Line = [{ text: '' }];

/** `1 step`, `3 steps`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** Joins items with `separator`, breaking rows between items rather than inside one. */
export function joinWrapped(items: readonly string[], separator: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const item of items) {
    const candidate = row === '' ? item : `${row}${separator}${item}`;
    // Room for the separator that ends the row if another item follows.
    if (row !== '' && candidate.length + separator.trimEnd().length > width) {
      rows.push(row + separator.trimEnd());
      row = item;
    } else row = candidate;
  }
  if (row !== '') rows.push(row);
  return rows;
}

/** Columns a line takes (its spans carry no ANSI, or only colour codes, which take none). */
export function lineWidth(spans: Line): number {
  // eslint-disable-next-line no-control-regex
  return spans.reduce((n, s) => n + s.text.replace(/\u001B\[[0-9;]*m/g, '').length, 0);
}

/**
 * Two columns of pre-wrapped lines side by side: the left padded to
 * `leftWidth`, then `gap` spaces, then the right. The taller column sets the
 * height; the shorter is padded with blank rows.
 */
export function sideBySide(left: readonly Line[], right: readonly Line[], leftWidth: number, gap = 2): Line[] {
  const rows = Math.max(left.length, right.length);
  const out: Line[] = [];
  for (let i = 0; i < rows; i++) {
    const l = left[i] ?? [];
    const r = right[i] ?? [];
    const pad = Math.max(0, leftWidth - lineWidth(l)) + gap;
    out.push(r.length > 0 ? [...l, { text: ' '.repeat(pad) }, ...r] : [...l]);
  }
  return out;
}
