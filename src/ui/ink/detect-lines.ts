import type { DriftReport, MigrationStatus } from '../../core/types.js';
import { BLANK, joinWrapped, line, paragraph, type Line, type Span } from './lines.js';
import { isProblem, statusTone, statusWord } from './status-word.js';

const NAME_MAX = 40;
const RECORDED_WIDTH = 10;
const FOOTPRINT_WIDTH = 11;

/** Fits `text` in `width` columns, marking a cut with `…`. */
export function fit(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function nameWidth(migrations: readonly MigrationStatus[]): number {
  const longest = migrations.reduce((n, m) => Math.max(n, m.name.length), 'migration'.length);
  return Math.min(NAME_MAX, longest) + 2;
}

/** The table's column titles. */
export function migrationHeader(migrations: readonly MigrationStatus[]): Line {
  const text = `  ${fit('migration', nameWidth(migrations))}${fit('recorded', RECORDED_WIDTH)}${fit('footprint', FOOTPRINT_WIDTH)}status`;
  return line(text, 'dim', true);
}

/** One row per migration: name, recorded, footprint present, status word. */
export function migrationRows(migrations: readonly MigrationStatus[]): Line[] {
  const width = nameWidth(migrations);
  return migrations.map((m) => {
    const word = statusWord(m);
    const cells = `  ${fit(m.name, width)}${fit(m.recorded ? 'yes' : 'no', RECORDED_WIDTH)}${fit(m.presence, FOOTPRINT_WIDTH)}`;
    return [{ text: cells }, { text: word, tone: statusTone(word), bold: isProblem(word) }];
  });
}

/** Counts, extra tables and invalid indexes above the table. */
export function detectSummary(report: DriftReport, width: number): Line[] {
  const c = report.counts;
  const counts = [
    `${c.migrations} migrations`,
    `${c.recorded} recorded`,
    `${c.recordedButMissing} recorded but missing`,
    `${c.recordedPartial} partly present`,
    `${c.pendingButPresent} pending but present`,
    `${c.pending} pending`,
    `${c.ledgerWithoutFile} recorded without a file`,
  ];
  const lead: Span[] = [{ text: '  ' }];
  const lines: Line[] = joinWrapped(counts, ' · ', width - 2).map((row) => [...lead, { text: row }]);
  if (report.extra.length > 0) {
    // Not only tables: a hand-made table can carry columns no migration has.
    const names = report.extra.map((o) => `${o.kind} ${o.table && o.table !== o.name ? `${o.table}.` : ''}${o.name}`).join(', ');
    lines.push(...paragraph(`no migration creates: ${names}`, { width, lead, tone: 'warn' }));
  }
  const invalid = report.invalidIndexes;
  lines.push(
    ...paragraph(`invalid indexes: ${invalid.length === 0 ? 'none' : invalid.join(', ')}`, {
      width,
      lead,
      tone: invalid.length === 0 ? 'dim' : 'danger',
    }),
  );
  lines.push(BLANK);
  return lines;
}
