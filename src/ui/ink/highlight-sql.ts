import { getSegments, highlight } from 'sql-highlight';
import type { Line, Span } from './lines.js';
import { sqlPalette, type Tone } from './theme.js';

/**
 * SQL with ANSI colours from the theme's SQL palette, for front ends that
 * write lines (the caller passes `colorEnabled()`); the text alone when
 * `color` is false.
 */
export function highlightSql(sql: string, color = true): string {
  return color ? highlight(sql, { colors: sqlPalette }) : sql;
}

/** `sql-highlight`'s token classes → the theme's SQL tones (identifiers keep the default colour). */
const TONES: Readonly<Record<string, Tone | undefined>> = {
  keyword: 'sqlKeyword',
  function: 'sqlFunction',
  number: 'sqlLiteral',
  string: 'sqlLiteral',
  special: 'sqlPunctuation',
  bracket: 'sqlPunctuation',
  comment: 'sqlComment',
};

/** The tone of every character of `sql`. */
function tonesOf(sql: string): (Tone | undefined)[] {
  return getSegments(sql).flatMap((segment) => Array.from({ length: segment.content.length }, () => TONES[segment.name]));
}

/**
 * Where each row of `text` starts and ends when wrapped to `width`, as
 * offsets into `text`: at the last space that fits, else mid-word; the one
 * space at a break is dropped.
 */
export function wrapRanges(text: string, width: number): [number, number][] {
  const w = Math.max(1, Math.floor(width));
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const paragraph of text.split('\n')) {
    let start = offset;
    const end = offset + paragraph.trimEnd().length;
    while (end - start > w) {
      const cut = text.lastIndexOf(' ', start + w);
      const at = cut > start ? cut : start + w;
      ranges.push([start, start + text.slice(start, at).trimEnd().length]);
      start = text[at] === ' ' ? at + 1 : at;
    }
    ranges.push([start, end]);
    offset += paragraph.length + 1;
  }
  return ranges;
}

/**
 * SQL as pre-wrapped rows whose spans carry the theme's SQL tones (no ANSI:
 * Ink colours them, or not when colour is off). Highlighting the statement
 * whole, then cutting it, keeps a string or comment that spans rows coloured.
 */
export function sqlLines(sql: string, width: number, lead: readonly Span[] = []): Line[] {
  const text = sql.trim();
  const tones = tonesOf(text);
  const indent = lead.reduce((n, s) => n + s.text.length, 0);
  return wrapRanges(text, width - indent).map(([start, end], row) => {
    const spans: Span[] = row === 0 ? [...lead] : indent > 0 ? [{ text: ' '.repeat(indent) }] : [];
    let from = start;
    for (let i = start + 1; i <= end; i++) {
      if (i === end || tones[i] !== tones[from]) {
        spans.push({ text: text.slice(from, i), tone: tones[from] });
        from = i;
      }
    }
    return spans;
  });
}
