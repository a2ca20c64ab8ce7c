import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { highlightSql, sqlLines } from '../../src/ui/ink/highlight-sql.js';
import { theme, toneColor } from '../../src/ui/ink/theme.js';
import { fixtureEngine } from './fixture-engine.js';
import { renderUi, walkTo } from './helpers.js';

const SQL = `create table "tasks" ("id" serial primary key, "title" varchar(255) not null default 'a b c', "n" int default 5);`;
const text = (row: readonly { text: string }[]) => row.map((s) => s.text).join('');
// eslint-disable-next-line no-control-regex
const COLOUR = /\u001B\[(3[0-9]|9[0-7]|38;)[0-9;]*m/;

const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('SQL in the Preview is highlighted by token, through the theme', () => {
  it('tokens carry SQL tones, never raw escapes; a string cut across rows keeps its tone', () => {
    const rows = sqlLines(SQL, 40, [{ text: '  ' }]);
    expect(rows.map(text)).toEqual([
      '  create table "tasks" ("id" serial',
      '  primary key, "title" varchar(255) not',
      "  null default 'a b c', \"n\" int default",
      '  5);',
    ]);
    for (const row of rows) for (const span of row) expect(span.text).not.toMatch(/\u001B/);
    const spans = rows.flat();
    expect(spans.find((s) => s.text === 'create table')?.tone).toBe('sqlKeyword');
    expect(spans.find((s) => s.text === '"tasks"')?.tone).toBe('sqlLiteral');
    expect(spans.find((s) => s.text === '255')?.tone).toBe('sqlLiteral');
    expect(spans.find((s) => s.text === 'serial')?.tone).toBeUndefined();
    const cut = sqlLines(`insert into t values ('a long string that wraps')`, 30);
    expect(cut.map(text)).toEqual(["insert into t values ('a long", "string that wraps')"]);
    expect(cut[1]?.[0]).toEqual({ text: "string that wraps'", tone: 'sqlLiteral' });
  });

  it('with colour off there is no colour at all: tones give no colour, and line output has no escapes', () => {
    process.env.NO_COLOR = '1';
    expect(toneColor('sqlKeyword')).toBeUndefined();
    expect(toneColor('danger')).toBeUndefined();
    expect(toneColor('sqlKeyword', true)).toBe(theme.sqlKeyword);
    expect(highlightSql(SQL, false)).toBe(SQL);
    expect(highlightSql(SQL)).toMatch(COLOUR);
  });

  it('the Preview drawn with NO_COLOR has no colour codes, only the SQL', async () => {
    process.env.NO_COLOR = '1';
    const ui = renderUi(<App engine={fixtureEngine()} />, { rows: 40, columns: 100 });
    await walkTo(ui, 'preview');
    const raw = ui.lastFrame() ?? '';
    expect(raw).toContain('create table "tasks"');
    expect(raw).not.toMatch(COLOUR);
  });
});
