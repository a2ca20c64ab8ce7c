import type { DriftReport, ObjectKind, ObjectRef } from '../../core/types.js';
import { BLANK, line, paragraph, plural, type Line, type Span } from './lines.js';
import type { Tone } from './theme.js';

/** One thing wrong with one object, filed under its table. */
interface Finding {
  /** `pending`: absent because the migration that makes it has not run yet (not recorded) — not drift. */
  word: 'missing' | 'pending' | 'extra' | 'different';
  text: string;
  tone: Tone;
}

/** Objects that belong to no table (enum types, sequences) are filed here. */
const NO_TABLE = '(no table)';

const KIND_WORDS: Record<ObjectKind, [string, string]> = {
  table: ['table', 'tables'],
  column: ['column', 'columns'],
  index: ['index', 'indexes'],
  'foreign-key': ['foreign key', 'foreign keys'],
  enum: ['enum type', 'enum types'],
  sequence: ['sequence', 'sequences'],
};

function tableOf(ref: ObjectRef): string {
  if (ref.kind === 'table') return ref.name;
  return ref.table ?? NO_TABLE;
}

/**
 * The missing table a missing object goes with: its own table, or for a
 * sequence (which names no table) the table whose serial it is by
 * PostgreSQL's naming (`<table>_<column>_seq`), the longest such name.
 */
function missingOwner(ref: ObjectRef, missingTables: ReadonlySet<string>): string | null {
  if (ref.kind === 'table') return null;
  if (ref.table) return missingTables.has(ref.table) ? ref.table : null;
  if (ref.kind !== 'sequence' || !ref.name.endsWith('_seq')) return null;
  const owners = [...missingTables].filter((t) => ref.name.startsWith(`${t}_`));
  return owners.sort((a, b) => b.length - a.length)[0] ?? null;
}

/** Which migration creates each object, so a missing one can say where it should have come from. */
function creators(report: DriftReport): Map<string, string> {
  const by = new Map<string, string>();
  for (const m of report.migrations) for (const o of [...m.missing, ...m.present]) if (!by.has(o.key)) by.set(o.key, m.name);
  return by;
}

/** `3 columns, 1 index`: what goes with a missing table. */
function countKinds(refs: readonly ObjectRef[]): string {
  const counts = new Map<ObjectKind, number>();
  for (const r of refs) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => plural(n, KIND_WORDS[kind][0], KIND_WORDS[kind][1])).join(', ');
}

/** Every table with something wrong, and what: a missing table is one finding, not one per column. */
function findingsByTable(report: DriftReport): Map<string, Finding[]> {
  const from = creators(report);
  const byTable = new Map<string, Finding[]>();
  const add = (table: string, finding: Finding) => byTable.set(table, [...(byTable.get(table) ?? []), finding]);
  const missingTables = new Set(report.missing.filter((o) => o.kind === 'table').map((o) => o.name));
  const recorded = new Set(report.migrations.filter((m) => m.recorded).map((m) => m.name));
  for (const ref of report.missing) {
    const table = tableOf(ref);
    if (missingOwner(ref, missingTables)) continue;
    const migration = from.get(ref.key);
    const source = migration ? ` (${migration})` : '';
    const pending = migration !== undefined && !recorded.has(migration);
    const word: Finding['word'] = pending ? 'pending' : 'missing';
    const tone: Tone = pending ? 'dim' : 'danger';
    if (ref.kind === 'table') {
      const parts = report.missing.filter((o) => missingOwner(o, missingTables) === ref.name);
      // The migration before the parts: when the row wraps, it is the counts that go to the next row.
      const withParts = parts.length > 0 ? `, with its ${countKinds(parts)}` : '';
      add(table, { word, text: `the table${source}${withParts}`, tone });
    } else {
      add(table, { word, text: `${KIND_WORDS[ref.kind][0]} ${ref.name}${source}`, tone });
    }
  }
  for (const ref of report.extra) {
    add(tableOf(ref), { word: 'extra', text: ref.kind === 'table' ? 'the table: no migration creates it' : `${KIND_WORDS[ref.kind][0]} ${ref.name}: no migration creates it`, tone: 'warn' });
  }
  for (const d of report.different) {
    add(tableOf(d.object), { word: 'different', text: `${KIND_WORDS[d.object.kind][0]} ${d.object.name}: ${d.detail}`, tone: 'warn' });
  }
  for (const name of report.invalidIndexes) {
    const known = report.migrations.flatMap((m) => [...m.present, ...m.missing]);
    const table = known.find((o) => o.kind === 'index' && o.name === name)?.table ?? NO_TABLE;
    add(table, { word: 'different', text: `index ${name} is invalid (a failed CREATE INDEX CONCURRENTLY)`, tone: 'danger' });
  }
  return byTable;
}

/**
 * Per-object drift, table by table: what is missing, extra or different,
 * with the migration that should have created each missing object.
 */
export function objectLines(report: DriftReport, width: number): Line[] {
  const byTable = findingsByTable(report);
  const all = [...byTable.values()];
  const count = (word: Finding['word']) => all.flat().filter((f) => f.word === word).length;
  const whole = all.filter(isWhollyMissing).length;
  const parts = [
    whole > 0 ? plural(whole, 'table missing', 'tables missing') : '',
    count('missing') - whole > 0 ? plural(count('missing') - whole, 'other object missing', 'other objects missing') : '',
    count('pending') > 0 ? `${count('pending')} pending` : '',
    count('extra') > 0 ? `${count('extra')} extra` : '',
    count('different') > 0 ? `${count('different')} different` : '',
  ].filter((p) => p !== '');
  const head = line(`Per object: ${parts.length > 0 ? parts.join(' · ') : 'no drift'}`, 'heading', true);
  if (byTable.size === 0) return [head, line('  every object the migrations create exists as they create it', 'ok')];
  // The partly present tables first (they need the closer look), then the wholly missing, then what is only pending.
  const rank = (f: readonly Finding[]) => (f.every((x) => x.word === 'pending') ? 2 : isWhollyMissing(f) ? 1 : 0);
  const order = [...byTable].sort(([, a], [, b]) => rank(a) - rank(b));
  const nameWidth = Math.min(28, Math.max(...order.map(([t]) => t.length)) + 2);
  const rows: Line[] = [head, BLANK];
  for (const [table, findings] of order) {
    findings.forEach((f, i) => {
      const name = i === 0 ? (table.length > nameWidth - 2 ? `${table.slice(0, nameWidth - 3)}…` : table) : '';
      const lead: Span[] = [{ text: '  ' }, { text: name.padEnd(nameWidth), bold: true }, { text: `${f.word.padEnd(10)}`, tone: f.tone }];
      rows.push(...paragraph(f.text, { width, lead }));
    });
  }
  return rows;
}

function isWhollyMissing(findings: readonly Finding[]): boolean {
  return findings.length === 1 && findings[0]?.word === 'missing' && findings[0].text.startsWith('the table');
}
