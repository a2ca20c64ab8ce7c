import { describe, expect, it } from 'vitest';
import type { MigrationStatus, PlanStep, RepairPlan } from '../../src/core/types.js';
import { confidenceBar } from '../../src/ui/ink/confidence-bar.js';
import { highlightSql } from '../../src/ui/ink/highlight-sql.js';
import { joinWrapped, paragraph, plural, wrapText } from '../../src/ui/ink/lines.js';
import { lockLines } from '../../src/ui/ink/rehearsal-lines.js';
import { renderCheck } from '../../src/report/text.js';
import { isProblem, statusTone, statusWord } from '../../src/ui/ink/status-word.js';
import { editTyped } from '../../src/ui/ink/typed-text.js';
import { sqlPalette } from '../../src/ui/ink/theme.js';
import * as incident from './fixtures.js';
import { stripAnsi } from './helpers.js';

describe('confidenceBar', () => {
  it('draws ten cells and the percentage', () => {
    expect(confidenceBar(0.82)).toBe('████████░░ 82%');
    expect(confidenceBar(0)).toBe('░░░░░░░░░░ 0%');
    expect(confidenceBar(1)).toBe('██████████ 100%');
  });

  it('clamps values outside 0..1 and NaN', () => {
    expect(confidenceBar(1.7)).toBe('██████████ 100%');
    expect(confidenceBar(-0.2)).toBe('░░░░░░░░░░ 0%');
    expect(confidenceBar(Number.NaN)).toBe('░░░░░░░░░░ 0%');
  });
});

const migration = (overrides: Partial<MigrationStatus>): MigrationStatus => ({
  name: '001_initial_tables',
  hasFile: true,
  recorded: true,
  executedAt: null,
  presence: 'all',
  present: [],
  missing: [],
  different: [],
  nonTransactional: false,
  ...overrides,
});

const differs = [{ object: { kind: 'column' as const, table: 'agents', name: 'name', key: 'column:agents.name' }, detail: 'type is text', expected: 'varchar(255)', actual: 'text' }];

/** Every status word, from the migration state that gives it. */
const STATUS_CASES = [
  [{ recorded: true, presence: 'all' }, 'ok'],
  [{ recorded: true, presence: 'empty' }, 'ok'],
  [{ recorded: true, presence: 'all', different: differs }, 'DIFFERENT'],
  [{ recorded: true, presence: 'none' }, 'MISSING'],
  [{ recorded: true, presence: 'partial' }, 'PARTIAL'],
  [{ recorded: true, presence: 'partial', different: differs }, 'PARTIAL'],
  [{ recorded: false, presence: 'none' }, 'pending'],
  [{ recorded: false, presence: 'empty' }, 'pending'],
  [{ recorded: false, presence: 'all' }, 'PENDING-BUT-PRESENT'],
  [{ recorded: false, presence: 'partial' }, 'PENDING-BUT-PRESENT'],
  [{ recorded: true, hasFile: false, presence: 'none' }, 'NO FILE'],
] as const;

describe('statusWord', () => {
  it.each(STATUS_CASES)('%o → %s', (overrides, word) => {
    expect(statusWord(migration(overrides))).toBe(word);
  });

  it('says what `drift-doctor check` says, word for word', () => {
    const migrations = STATUS_CASES.map(([overrides], i) => migration({ ...overrides, name: `${String(i + 1).padStart(3, '0')}_case` }));
    const text = renderCheck({ ...incident.report, migrations }, incident.diagnosis);
    for (const m of migrations) {
      const row = new RegExp(`^${m.name}\\s+(?:yes|no)\\s+\\w+\\s+(.+)$`, 'm').exec(text);
      expect(row?.[1]?.trim(), m.name).toBe(statusWord(m));
    }
  });

  it('makes missing loud and ok calm; only problems are capitals and bold', () => {
    expect(statusTone('MISSING')).toBe('danger');
    expect(statusTone('ok')).toBe('ok');
    expect(statusTone('PENDING-BUT-PRESENT')).toBe('warn');
    expect(statusTone('DIFFERENT')).toBe('warn');
    expect(isProblem('pending')).toBe(false);
    expect(isProblem('DIFFERENT')).toBe(true);
  });
});

describe('editTyped', () => {
  const none = { backspace: false, delete: false, ctrl: false, meta: false };
  it('applies every key of a chunk in order', () => {
    expect(editTyped('abcdefghij', '\u007F'.repeat(10), none)).toBe('');
    expect(editTyped('', 'ab\u007Fc\b\bxyz', none)).toBe('xyz');
    expect(editTyped('ab', '\u007F'.repeat(5), none)).toBe('');
    expect(editTyped('', 'name\r', none)).toBe('name');
  });

  it('a lone Backspace or Delete (Ink flags it, input empty) erases one code point', () => {
    expect(editTyped('db😀', '', { ...none, backspace: true })).toBe('db');
    expect(editTyped('db', '', { ...none, delete: true })).toBe('d');
  });

  it('Ctrl+U clears the line; other Ctrl and Alt combinations are ignored', () => {
    expect(editTyped('dd_fresh2_seed', 'u', { ...none, ctrl: true })).toBe('');
    expect(editTyped('db', 'a', { ...none, ctrl: true })).toBe('db');
    expect(editTyped('db', 'b', { ...none, meta: true })).toBe('db');
  });
});

describe('highlightSql', () => {
  it('colours keywords with the theme palette and keeps the text', () => {
    const sql = 'create table "tasks" ("id" serial primary key);';
    const out = highlightSql(sql);
    expect(out).toContain(`${sqlPalette.keyword}create table`);
    expect(stripAnsi(out)).toBe(sql);
  });
});

describe('wrapping', () => {
  it('wraps at spaces and hard-breaks long words', () => {
    expect(wrapText('alpha beta gamma', 11)).toEqual(['alpha beta', 'gamma']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('one\ntwo', 10)).toEqual(['one', 'two']);
  });

  it('indents continuation rows under the lead', () => {
    const rows = paragraph('alpha beta gamma', { width: 14, lead: [{ text: '  + ' }] });
    expect(rows.map((r) => r.map((s) => s.text).join(''))).toEqual(['  + alpha beta', '    gamma']);
  });

  it('breaks joined items between items', () => {
    expect(joinWrapped(['20 migrations', '19 recorded', '0 pending'], ' · ', 30)).toEqual([
      '20 migrations · 19 recorded ·',
      '0 pending',
    ]);
  });

  it('pluralises', () => {
    expect(plural(1, 'step')).toBe('1 step');
    expect(plural(3, 'step')).toBe('3 steps');
  });
});

describe('rehearsal locks', () => {
  const step = (locks: string, sql = 'select 1;'): PlanStep => ({ kind: 'ddl', reason: 'r', sql, locks, outsideTransaction: false });
  const plan = (steps: PlanStep[]): RepairPlan => ({
    strategy: 'create-all',
    applicable: true,
    refusal: null,
    consequence: '',
    steps,
    needsHuman: [],
    conflicts: [],
  });
  const text = (lines: readonly (readonly { text: string }[])[]) => lines.map((l) => l.map((s) => s.text).join('').trimEnd());

  it('lists tables that existed, one row per stronger mode, and counts locks on what the plan creates', () => {
    const p = plan([
      step('new table public.models (no lock on existing data)'),
      step('SHARE ROW EXCLUSIVE on public.agents and public.models'),
      step('ROW SHARE on public.agents'),
      step('ACCESS EXCLUSIVE on public.agents (brief, no rewrite)'),
      step('ACCESS EXCLUSIVE on public.models (brief, no rewrite)'),
      step('none (new object)'),
    ]);
    const stepTimings = p.steps.map((_, index) => ({ index, durationMs: 100, ok: true }));
    const result = { ok: true, error: null, failedStep: null, stepsRun: 6, durationMs: 1000, verify: null, stepTimings };
    expect(text(lockLines(p, result, 100))).toEqual([
      '  the drift-doctor advisory lock on this database and ledger (one repair at a time)',
      '  public.agents  SHARE ROW EXCLUSIVE from step 2, held ≤ 900 ms',
      '                 ACCESS EXCLUSIVE from step 4, held ≤ 700 ms',
      '  3 steps lock only objects the plan creates (no other session sees them before COMMIT)',
    ]);
  });

  it('without timings, takes the transaction steps that ran and says nothing of how long', () => {
    const p = plan([step('ROW EXCLUSIVE on public.mikro_orm_migrations (ledger only)'), step('ACCESS EXCLUSIVE on public.tools')]);
    const result = { ok: false, error: 'x', failedStep: null, stepsRun: 1, durationMs: 10, verify: null };
    expect(text(lockLines(p, result, 100)).slice(1)).toEqual(['  public.mikro_orm_migrations  ROW EXCLUSIVE from step 1']);
  });
});
