import { checkExhaustive } from '../../core/types.js';
import { SCROLL, type Hints, type KeyHint } from './key-hints.js';
import { BLANK, line, paragraph, type Line } from './lines.js';
import type { Screen } from './wizard-state.js';

/** What a screen is for, and what follows it. */
interface ScreenHelp {
  does: string;
  next: string;
}

const STATUS_WORDS =
  'MISSING: recorded, yet none of its objects exist. PARTIAL: some do. DIFFERENT: they exist but differ from what the ' +
  'migration makes. PENDING-BUT-PRESENT: not recorded, yet its objects exist, so migration:up would fail with "already exists".';

function screenHelp(screen: Screen): ScreenHelp {
  switch (screen) {
    case 'connect':
      return {
        does: 'Shows where drift-doctor is connected: the server, database, role, schema and ledger table. Check it is the database you mean.',
        next: 'Enter starts detection. It only reads, inside a read-only transaction; the first run on a machine replays every migration into an embedded PostgreSQL, so it takes a few seconds.',
      };
    case 'detect':
      return {
        does: `Compares what the ledger says ran with what exists: every table, column, index, foreign key, enum type and sequence each migration creates is looked for in the live schema. ${STATUS_WORDS}`,
        next: 'Enter explains why they disagree. Nothing has been changed.',
      };
    case 'explain':
      return {
        does: 'Ranks the likely causes with evidence PostgreSQL itself keeps: which transaction wrote each ledger row, leftovers a DROP TABLE leaves, invalid indexes, the age of the database. + supports a cause, − weakens it; when the top two are close the verdict is "unknown" and nothing is recommended.',
        next: 'Enter chooses a repair (unless repairs are refused: then act on the reason first). Nothing runs until you type the database name.',
      };
    case 'choose':
      return {
        does: 'The three repairs, the recommended one first. create-all creates what is missing from the entity models, then syncs the ledger; rerun re-runs the migrations whose effects are absent; sync-ledger only rewrites the ledger. None drops, truncates or rewrites data: such differences are left for a human.',
        next: 'Enter shows the chosen repair as a dry run: its exact SQL. Nothing runs yet.',
      };
    case 'preview':
      return {
        does: 'The dry run: every statement in order, why it is there and what it locks. Nothing has run. r rehearses it: the whole plan and its verification run on this database in one transaction, then roll back. w writes the plan to a .sql file for review.',
        next: 'Enter asks you to type the database name; only then does the repair run, in one transaction with an advisory lock and timeouts, verified before COMMIT.',
      };
    case 'confirm':
      return {
        does: 'The last step before anything changes: type the database name exactly. Once the repair starts it cannot be interrupted from here.',
        next: 'Enter applies the plan, then detects again to verify. Esc goes back to the dry run; Ctrl+C quits with the database untouched.',
      };
    case 'apply':
    case 'rehearse':
      return { does: 'The plan runs step by step.', next: 'The result follows when it ends.' };
    case 'rehearsal':
      return {
        does: 'What the rehearsal proved: the plan ran on this database and its verification passed (or where it failed), how long the slowest steps took and what they locked. Everything was rolled back.',
        next: 'Enter goes on to Confirm, only after a rehearsal that worked; Esc goes back to the dry run.',
      };
    case 'verify':
      return {
        does: 'Detection ran again after the repair: each check, and the counts before and after. "verified: in sync" means the ledger, the files, the schema and the models agree.',
        next: 'Enter or q exits. The journal line says how to undo the ledger changes.',
      };
    case 'in-sync':
      return { does: 'Detection found nothing to repair: the ledger, the migration files, the live schema and the models agree.', next: 'Enter or q exits.' };
    case 'error':
      return {
        does: 'drift-doctor stopped. The box says what happened, what to do next and whether the database was touched.',
        next: 'Enter or q exits (exit code 2, or 3 when you must decide something first).',
      };
    default:
      return checkExhaustive(screen);
  }
}

/** How each screen that can outgrow the terminal scrolls. */
const SCROLLS: Partial<Record<Screen, KeyHint>> = {
  detect: SCROLL,
  explain: { keys: 'PgUp/PgDn', action: 'scroll freely (Home/End: top/bottom); ↑/↓ selects a cause again' },
  choose: { keys: '↑/↓', action: 'the view follows the selected repair' },
  preview: SCROLL,
  rehearsal: SCROLL,
  verify: SCROLL,
};

/** Keys that work on every screen but a running repair, said once in the help. */
const ALWAYS: readonly KeyHint[] = [
  { keys: '? or Esc', action: 'close this help' },
  { keys: 'Ctrl+C', action: 'quit at any time except while a repair or rehearsal runs; before Apply the database is untouched' },
];

/** The help for a screen: what it does, each key, what happens next. */
export function helpLines(screen: Screen, hints: Hints, width: number): Line[] {
  const help = screenHelp(screen);
  const scroll = SCROLLS[screen];
  // `?` and Ctrl+C are said once, below, for every screen.
  const keys = [...hints.keys.filter((k) => k.keys !== '?' && k.keys !== 'Ctrl+C'), ...(scroll ? [scroll] : []), ...ALWAYS];
  const keyWidth = Math.min(18, Math.max(...keys.map((k) => k.keys.length)) + 2);
  const keyLines = keys.flatMap((k) =>
    paragraph(k.action, { width, lead: [{ text: '  ' }, { text: k.keys.padEnd(keyWidth), tone: 'accent', bold: true }] }),
  );
  return [
    line('What this step does', 'heading', true),
    ...paragraph(help.does, { width, lead: [{ text: '  ' }] }),
    BLANK,
    line('What happens next', 'heading', true),
    ...paragraph(help.next, { width, lead: [{ text: '  ' }] }),
    BLANK,
    line('Keys', 'heading', true),
    ...keyLines,
    ...(hints.note ? paragraph(hints.note, { width, lead: [{ text: '  ' }], tone: 'warn' }) : []),
  ];
}
