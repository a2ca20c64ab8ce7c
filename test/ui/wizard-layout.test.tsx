import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/ink/App.js';
import { fixtureEngine, type FixtureOptions } from './fixture-engine.js';
import * as incident from './fixtures.js';
import { KEY, MARK, overflow, renderUi, waitFor, walkTo } from './helpers.js';

type Size = { rows: number; columns: number };

/** Walks every screen of the fixture, and every view a key opens on it, checking each frame fits `size`. */
async function walkEverything(size: Size, options: FixtureOptions = {}) {
  const ui = renderUi(<App engine={fixtureEngine({ delayMs: 15, ...options })} />, size);
  const seen: string[] = [];
  const check = (name: string) => {
    const frame = ui.screen();
    const { tooWide, tooTall } = overflow(frame, size);
    expect(tooWide, `${name}: rows wider than ${size.columns}`).toEqual([]);
    expect(tooTall, `${name}: ${frame.split('\n').length} rows in a window of ${size.rows}`).toBe(false);
    seen.push(name);
    return frame;
  };
  // The first frame is drawn before the test terminal says its size; the next one is at that size.
  await waitFor(() => ui.screen().includes('Connecting') && overflow(ui.screen(), size).tooWide.length === 0);
  check('connecting');
  await walkTo(ui, 'connect');
  check('connect');
  await ui.press('?');
  check('help on connect');
  await ui.press(KEY.esc, KEY.enter);
  await waitFor(() => ui.screen().includes('Detecting'));
  check('detecting');
  await waitFor(() => ui.screen().includes(MARK.detect));
  check('detect');
  await ui.press('d');
  check('detect, per object');
  await ui.press(KEY.end);
  check('detect, per object, end');
  await ui.press('?');
  check('help on detect');
  await ui.press(KEY.pageDown, KEY.end);
  check('help on detect, end');
  await ui.press(KEY.esc, KEY.enter);
  await waitFor(() => ui.screen().includes(MARK.explain));
  check('explain');
  await ui.press('d');
  check('explain, all evidence');
  await ui.press(KEY.end);
  check('explain, all evidence, end');
  await ui.press(KEY.enter);
  await waitFor(() => ui.screen().includes(MARK.choose) && ui.screen().includes('(recommended)'));
  check('choose');
  await ui.press(KEY.down);
  check('choose rerun');
  await ui.press(KEY.up, KEY.enter);
  await waitFor(() => ui.screen().includes(MARK.preview));
  check('preview');
  await ui.press(KEY.end);
  check('preview, end');
  await ui.press('w');
  check('preview, file prompt');
  await ui.type('/nonexistent-folder-for-a-test/plan.sql');
  check('preview, file prompt typed');
  await ui.press(KEY.enter);
  await waitFor(() => ui.screen().includes('not written'));
  check('preview, file not written');
  await ui.press('r');
  await waitFor(() => ui.screen().includes('Rehearsing'));
  check('rehearsing');
  await waitFor(() => ui.screen().includes('nothing was kept'));
  check('rehearsal');
  await ui.press(KEY.end);
  check('rehearsal, end');
  await ui.press(KEY.enter);
  await waitFor(() => ui.screen().includes(MARK.confirm));
  check('confirm');
  await ui.type('agents_pro');
  await ui.press(KEY.enter);
  check('confirm, wrong name');
  await ui.type('d');
  await ui.press(KEY.enter);
  await waitFor(() => ui.screen().includes('Applying'));
  check('applying');
  await waitFor(() => ui.screen().includes('verified: in sync'));
  check('verify');
  await ui.press('d');
  check('verify, details');
  await ui.press(KEY.end);
  check('verify, details, end');
  await ui.press('q');
  check('left');
  return seen;
}

describe('80×24: every screen fits, nothing wider than the terminal, a row always free', () => {
  const size = { rows: 24, columns: 80 };

  it('the whole walk, with help, details, the file prompt, a rehearsal and the end screen', async () => {
    const seen = await walkEverything(size);
    expect(seen).toHaveLength(29);
  });

  it('the error box', async () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432 — the server refused the connection (is it running, and listening on that port?)'), {
      hint: 'start the server or pass the right --url; PGHOST and PGPORT are read when --url is not given',
    });
    const ui = renderUi(<App engine={fixtureEngine({ fail: { call: 'connect', error } })} />, size);
    await waitFor(() => ui.screen().includes('Stopped while connecting'));
    expect(overflow(ui.screen(), size)).toEqual({ tooWide: [], tooTall: false });
    expect(ui.screen()).toMatch(/^╭─+╮$/m);
    expect(ui.screen()).toMatch(/^╰─+╯$/m);
  });

  it('nothing to repair', async () => {
    const ui = renderUi(<App engine={fixtureEngine({ report: { ...incident.report, inSync: true } })} />, size);
    await walkTo(ui, 'connect');
    await ui.press(KEY.enter);
    await waitFor(() => ui.screen().includes('Nothing to repair'));
    expect(overflow(ui.screen(), size)).toEqual({ tooWide: [], tooTall: false });
  });
});

describe('160×50: the width and the height are used', () => {
  const size = { rows: 50, columns: 160 };

  it('the whole walk fits', async () => {
    await walkEverything(size);
  });

  it('Detect shows every migration, and its per-object drift beside the table', async () => {
    const ui = renderUi(<App engine={fixtureEngine()} />, size);
    await walkTo(ui, 'detect');
    expect(ui.screen()).toContain('020_add_workflow_events');
    expect(ui.screen()).not.toContain('rows 1–');
    await ui.press('d');
    const s = ui.screen();
    expect(s).toMatch(/migration\s+recorded\s+footprint\s+status\s+Per object: 33 tables missing/);
    expect(s).toMatch(/002_ollama_servers_models\s+yes\s+none\s+MISSING\s+agents\s+missing\s+index agents_name_index/);
  });

  it('Preview puts each step’s SQL beside why it is there and what it locks', async () => {
    const ui = renderUi(<App engine={fixtureEngine()} />, size);
    await walkTo(ui, 'preview');
    await ui.press(KEY.pageDown);
    expect(ui.screen()).toMatch(/\d+\. Create missing table \w+ \(from \w+\)\s+create table "\w+" \("id" serial primary key/);
  });
});
