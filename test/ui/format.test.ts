import { describe, expect, it } from 'vitest';
import type { MigrationStatus, PlanStep, RepairPlan } from '../../src/core/types.js';
import { confidenceBar } from '../../src/ui/ink/confidence-bar.js';
import { highlightSql } from '../../src/ui/ink/highlight-sql.js';
import { joinWrapped, paragraph, plural, wrapText } from '../../src/ui/ink/lines.js';
import { lockLines } from '../../src/ui/ink/rehearsal-lines.js';
import { statusTone, statusWord } from '../../src/ui/ink/status-word.js';
import { sqlPalette } from '../../src/ui/ink/theme.js';
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

describe('statusWord', () => {
  it.each([
    [{ recorded: true, presence: 'all' }, 'ok'],
    [{ recorded: true, presence: 'empty' }, 'ok'],
    [{ recorded: true, presence: 'none' }, 'MISSING'],
    [{ recorded: true, presence: 'partial' }, 'PARTIAL'],
    [{ recorded: false, presence: 'none' }, 'PENDING'],
    [{ recorded: false, presence: 'empty' }, 'PENDING'],
    [{ recorded: false, presence: 'all' }, 'PENDING-BUT-PRESENT'],
    [{ recorded: false, presence: 'partial' }, 'PENDING-BUT-PRESENT'],
    [{ recorded: true, hasFile: false, presence: 'none' }, 'NO FILE'],
  ] as const)('%o → %s', (overrides, word) => {
    expect(statusWord(migration(overrides))).toBe(word);
  });

  it('makes missing loud and ok calm', () => {
    expect(statusTone('MISSING')).toBe('danger');
    expect(statusTone('ok')).toBe('ok');
    expect(statusTone('PENDING-BUT-PRESENT')).toBe('warn');
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
