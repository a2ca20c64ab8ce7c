import { stripVTControlCharacters } from 'node:util';
import type { Line, Span } from '../ink/lines.js';
import type { Tone } from '../ink/theme.js';

/**
 * Plain mode writes the same pre-wrapped lines the Ink screens are built from,
 * with the same semantic tones, as SGR codes when colour is on and as bare
 * text (not one escape) when it is off.
 */
const SGR: Readonly<Partial<Record<Tone, number>>> = {
  ok: 32,
  warn: 33,
  danger: 31,
  dim: 90,
  accent: 36,
  heading: 95,
};

/** `text` in a tone (and bold), or unchanged when colour is off. */
export function tint(text: string, tone: Tone | undefined, color: boolean, bold = false): string {
  if (!color || text === '' || (tone === undefined && !bold)) return text;
  // A tone with no code here (one the Ink theme added) keeps the default colour.
  const sgr = tone === undefined ? undefined : SGR[tone];
  const codes = [...(bold ? [1] : []), ...(sgr === undefined ? [] : [sgr])];
  if (codes.length === 0) return text;
  return `\u001B[${codes.join(';')}m${text}\u001B[0m`;
}

function span(s: Span, color: boolean): string {
  // A span may carry its own escapes (highlighted SQL): none survive when colour is off.
  if (!color) return stripVTControlCharacters(s.text);
  return tint(s.text, s.tone, color, s.bold === true);
}

/** One row as text, without trailing blanks. */
export function renderLine(line: Line, color: boolean): string {
  return line
    .map((s) => span(s, color))
    .join('')
    .replace(/\s+$/, '');
}

/** Rows as one text, a newline between them. */
export function renderLines(lines: readonly Line[], color: boolean): string {
  return lines.map((l) => renderLine(l, color)).join('\n');
}

/** Text that may carry escapes from a renderer, bare when colour is off. */
export function plainUnless(color: boolean, text: string): string {
  return color ? text : stripVTControlCharacters(text);
}
