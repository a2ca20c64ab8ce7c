import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineAsker } from '../../src/ui/plain/line-asker.js';
import { askerFor } from '../../src/ui/plain/run-plain.js';
import { TerminalAsker } from '../../src/ui/plain/terminal-asker.js';
import { fixtureEngine } from './fixture-engine.js';
import { plainSession } from './plain-session.js';
import { tick } from './text.js';

const KEY = { enter: '\r', up: '\u001B[A', down: '\u001B[B', ctrlC: '\u0003' } as const;
// eslint-disable-next-line no-control-regex
const COLOUR = /\u001B\[[0-9;]*m/;

describe('plain mode at a real terminal (inquirer prompts)', () => {
  it('walks with the arrow keys and a typed name, and writes no colour when colour is off', async () => {
    const engine = fixtureEngine();
    const session = plainSession(engine, { terminal: true });
    await session.waitFor('Detect drift on agents_prod?');
    session.keys(KEY.enter);
    await session.waitFor('Which repair?');
    // The recommended repair is selected first; down and up come back to it.
    session.keys(KEY.down);
    await tick(20);
    session.keys(KEY.up);
    await tick(20);
    session.keys(KEY.enter);
    await session.waitFor('Apply this plan?');
    session.keys(KEY.enter);
    await session.waitFor('Type the database name (agents_prod) to apply');
    session.keys('agents_prod');
    await tick(20);
    session.keys(KEY.enter);
    expect(await session.exit).toBe(0);
    const t = session.text();
    expect(t).toContain('✔ Which repair? create-all');
    expect(t).toContain('✔ Type the database name (agents_prod) to apply: agents_prod');
    expect(t).toContain('verified: in sync');
    expect(engine.calls.apply.map((p) => p.strategy)).toEqual(['create-all']);
    // Inquirer moves the cursor to redraw a menu; it paints nothing.
    expect(session.raw()).not.toMatch(COLOUR);
  });

  it('Ctrl-C at the menu quits: nothing was changed, exit 1', async () => {
    const engine = fixtureEngine();
    const session = plainSession(engine, { terminal: true });
    await session.waitFor('Detect drift on agents_prod?');
    session.keys(KEY.enter);
    await session.waitFor('Which repair?');
    session.keys(KEY.ctrlC);
    expect(await session.exit).toBe(1);
    expect(session.text()).toContain('quit with the drift left as detected — nothing was changed');
    expect(engine.calls.apply).toEqual([]);
  });
});

describe('which asker', () => {
  const signal = new AbortController().signal;
  const tty = () => Object.assign(new PassThrough(), { isTTY: true });

  it('inquirer only where both ends are a terminal that can redraw', () => {
    const asker = (input: PassThrough, output: PassThrough, term: string) => askerFor({ input, output }, false, signal, { TERM: term });
    const cases = [
      asker(tty(), tty(), 'xterm-256color'),
      asker(tty(), tty(), 'dumb'),
      asker(new PassThrough(), tty(), 'xterm-256color'),
      asker(tty(), new PassThrough(), 'xterm-256color'),
    ];
    expect(cases.map((a) => a.constructor)).toEqual([TerminalAsker, LineAsker, LineAsker, LineAsker]);
    for (const a of cases) a.close();
  });
});
