/**
 * Semantic colour tokens for the Ink wizard. Components name a tone (`ok`,
 * `danger`…), never a colour, so the palette can change in one place.
 */

/** What a piece of text means to the operator. */
export type Tone = 'ok' | 'warn' | 'danger' | 'dim' | 'accent' | 'heading';

/** Tone → colour name understood by Ink's `<Text color>`. */
export const theme: Readonly<Record<Tone, string>> = {
  ok: 'green',
  warn: 'yellow',
  danger: 'red',
  dim: 'gray',
  accent: 'cyan',
  heading: 'magentaBright',
};

/** Ink colour for a tone; undefined leaves the terminal's default colour. */
export function toneColor(tone: Tone | undefined): string | undefined {
  return tone === undefined ? undefined : theme[tone];
}

const esc = (code: number): string => `\u001B[${code}m`;

/**
 * Palette for SQL shown in the preview. `sql-highlight` takes raw ANSI
 * sequences, so this is the one place that spells them.
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
