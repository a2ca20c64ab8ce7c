import type { ConnectionInfo } from '../../core/types.js';
import type { Line, Span } from './lines.js';
import { SIDE_OF, WALK, type Screen } from './wizard-state.js';

const NAMES: Record<Screen, string> = {
  connect: 'Connect',
  detect: 'Detect',
  explain: 'Explain',
  choose: 'Choose',
  preview: 'Preview',
  confirm: 'Confirm',
  apply: 'Apply',
  verify: 'Verify',
  rehearse: 'Preview: rehearsing',
  rehearsal: 'Preview: rehearsal',
  'in-sync': 'In sync',
  error: 'Error',
};

/** A screen's name as the header and the help title say it. */
export function screenName(screen: Screen): string {
  return NAMES[screen];
}

const TITLE = 'drift-doctor';
const GAP = '   ';
const SEPARATOR = ' › ';

const size = (spans: readonly Span[]) => spans.reduce((n, s) => n + s.text.length, 0);

/** Where we are in the walk: every step with the current one marked, or `3/8 Explain` when that does not fit. */
function walkSpans(screen: Screen, room: number): Span[] {
  const place = SIDE_OF[screen] ?? screen;
  const at = WALK.indexOf(place);
  if (at < 0) return [{ text: NAMES[screen], bold: true }];
  const full: Span[] = WALK.flatMap((s, i) => [
    ...(i > 0 ? [{ text: SEPARATOR, tone: 'dim' as const }] : []),
    s === place ? { text: NAMES[screen], tone: 'accent' as const, bold: true } : { text: NAMES[s], tone: 'dim' as const },
  ]);
  if (size(full) <= room) return full;
  return [{ text: `${at + 1}/${WALK.length} ${NAMES[screen]}`, tone: 'accent', bold: true }];
}

/** The ledger as `schema.table` (the engine names it qualified already when it lives in another schema). */
export function ledgerName(connection: ConnectionInfo): string {
  return connection.ledgerTable.includes('.') ? connection.ledgerTable : `${connection.schema}.${connection.ledgerTable}`;
}

/** Cuts `text` to `width` columns, ending with `…` when cut. */
function cut(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? '…'.slice(0, width) : `${text.slice(0, width - 1)}…`;
}

/**
 * Database, role and ledger, always; the server and its version when there is
 * room (the version goes first). At the narrowest each part is cut, the
 * database last.
 */
export function connectionSpans(connection: ConnectionInfo, width: number): Span[] {
  const database: Span = { text: connection.database, bold: true };
  const role: Span[] = [{ text: ' as ', tone: 'dim' }, { text: connection.role }];
  const server: Span[] = [{ text: ' on ', tone: 'dim' }, { text: connection.server }];
  const ledger: Span[] = [{ text: ' · ledger ', tone: 'dim' }, { text: ledgerName(connection) }];
  const version: Span[] = [{ text: ` · ${connection.serverVersion}`, tone: 'dim' }];
  for (const spans of [
    [database, ...role, ...server, ...ledger, ...version],
    [database, ...role, ...server, ...ledger],
    [database, ...role, ...ledger],
  ]) {
    if (size(spans) <= width) return spans;
  }
  // Too narrow even for the three: the longer of database and role is cut first (the ledger's name is
  // short, and the one most worth reading whole), the ledger only when both are down to a few letters.
  const texts = [connection.database, connection.role, ledgerName(connection)];
  const room = [...texts.map((t) => t.length)];
  const fixed = ' as '.length + ' · ledger '.length;
  const over = () => room.reduce((a, b) => a + b, 0) + fixed > width;
  const shrink = (candidates: number[]) => {
    while (over()) {
      const longest = candidates.reduce((a, b) => ((room[b] ?? 0) > (room[a] ?? 0) ? b : a));
      if ((room[longest] ?? 0) <= 6) return;
      room[longest] = (room[longest] ?? 0) - 1;
    }
  };
  shrink([0, 1]);
  shrink([0, 1, 2]);
  const [db = '', role2 = '', ledger2 = ''] = texts.map((t, i) => cut(t, room[i] ?? t.length));
  const spans: Span[] = [{ ...database, text: db }, role[0]!, { text: role2 }, { text: ' · ledger ', tone: 'dim' }, { text: ledger2 }];
  return size(spans) <= width ? spans : [{ ...database, text: cut(connection.database, width) }];
}

/**
 * The header: the title and where we are in the walk, then, once connected,
 * the database, role and ledger (and the server when it fits) on a row of
 * their own, so a long database name never pushes the walk off the screen.
 */
export function headerLines(screen: Screen, connection: ConnectionInfo | null, width: number): Line[] {
  const walk = walkSpans(screen, width - TITLE.length - GAP.length);
  const first: Line = [{ text: TITLE, tone: 'heading', bold: true }, { text: GAP }, ...walk];
  return connection ? [first, connectionSpans(connection, width)] : [first];
}
