/**
 * Semantic colour tokens for the Ink wizard. Components name a tone (`ok`,
 * `danger`…), never a colour, so the palette can change in one place.
 */
import { colorEnabled } from '../color.js';

/** What a piece of text means to the operator; the `sql…` tones colour SQL by token. */
export type Tone =
  | 'ok'
  | 'warn'
  | 'danger'
  | 'dim'
  | 'accent'
  | 'heading'
  | 'sqlKeyword'
  | 'sqlFunction'
  | 'sqlLiteral'
  | 'sqlPunctuation'
  | 'sqlComment';

/** Tone → colour name understood by Ink's `<Text color>`. */
export const theme: Readonly<Record<Tone, string>> = {
  ok: 'green',
  warn: 'yellow',
  danger: 'red',
  dim: 'gray',
  accent: 'cyan',
  heading: 'magentaBright',
  sqlKeyword: 'magenta',
  sqlFunction: 'cyan',
  sqlLiteral: 'green',
  sqlPunctuation: 'yellow',
  sqlComment: 'gray',
};

/**
 * Ink colour for a tone; undefined leaves the terminal's default colour, and
 * so does every tone when colour is off (`NO_COLOR`, `--no-color`, not a
 * terminal: the one rule in `src/ui/color.ts`).
 */
export function toneColor(tone: Tone | undefined, color: boolean = colorEnabled()): string | undefined {
  return tone === undefined || !color ? undefined : theme[tone];
}

const esc = (code: number): string => `\u001B[${code}m`;

/**
 * Palette for SQL written as lines of text (the plain front end):
 * `sql-highlight` takes raw ANSI sequences, so this is the one place that
 * spells them. The same colours as the `sql…` tones.
 */
export const sqlPalette = {
  keyword: esc(35),
  function: esc(36),
  number: esc(32),
  string: esc(32),
  identifier: esc(39),
  special: esc(33),
  bracket: esc(33),
  comment: esc(90),
  clear: esc(0),
} as const;
