/**
 * Colour for the text that `check`, `repair` and `undo` print: the renderers
 * in src/report stay plain (tests and logs read them as they are), and the
 * CLI colours whole lines by what they say, only when colour is on.
 */

const SGR = { ok: 32, warn: 33, danger: 31, accent: 36, dim: 90, heading: 1 } as const;
type Tone = keyof typeof SGR;

/** The first rule a line matches decides its tone. */
const RULES: [RegExp, Tone][] = [
  [/^(REFUSED|repair failed|this plan does NOT work|not verified|undo failed)\b/, 'danger'],
  [/^\s*✗/, 'danger'],
  [/^\s*✓/, 'ok'],
  [/^(verified: in sync|in sync|verdict: in sync|committed:|ledger restored:|this plan works)/, 'ok'],
  [/^(verdict:|needs a human:|conflict foreseen:|note:)/, 'warn'],
  [/^(next:|journal:|undo the ledger changes:|report:)/, 'accent'],
  [/^\s*--/, 'dim'],
  [/^drift-doctor (check|repair|undo)\b|^plan:|^rehearsal of /, 'heading'],
];

/** `text` with each line coloured by the rules above; unchanged when `color` is false. */
export function paint(text: string, color: boolean): string {
  if (!color) return text;
  return text
    .split('\n')
    .map((line) => {
      const rule = RULES.find(([re]) => re.test(line));
      return rule ? `\u001B[${SGR[rule[1]]}m${line}\u001B[0m` : line;
    })
    .join('\n');
}
