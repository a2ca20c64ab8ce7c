/**
 * --quiet, --verbose, colour (NO_COLOR, --no-color, FORCE_COLOR) and the
 * choice of front end, on the real server and, for colour, the real binary.
 */
import { describe, expect, it } from 'vitest';
import { pickUi, type Terminal } from '../../src/cli/front-end.js';
import { paint } from '../../src/cli/paint.js';
import { runBin } from '../helpers/bin.js';
import { runCli } from '../helpers/cli.js';
import { scenarioDatabases } from '../helpers/scenario.js';

const ANSI = /\u001B\[[0-9;]*m/;

describe('output modes on the incident', { timeout: 240_000 }, () => {
  const { build } = scenarioDatabases();

  it('--quiet prints one line and no progress; --verbose adds elapsed time and what each migration misses', async () => {
    const db = await build('seed-incident');
    const quiet = await runCli(['check', '--quiet', '--url', db.url]);
    expect(quiet.code).toBe(1);
    expect(quiet.err).toBe('');
    expect(quiet.out.split('\n')).toHaveLength(1);
    expect(quiet.out).toMatch(/^drift: 17 recorded but missing, .* cause: stamped-without-running · recommended: create-all$/);

    const verbose = await runCli(['check', '--verbose', '--url', db.url]);
    expect(verbose.code).toBe(1);
    expect(verbose.err).toMatch(/^\[\s*\d+\.\d s\] reading /m);
    expect(verbose.out).toContain('missing, per migration');
    expect(verbose.out).toMatch(/^ {2}001_initial_tables: enum task_status, table tasks, table artifacts, table artifact_dependencies$/m);

    const plain = await runCli(['check', '--url', db.url]);
    expect(plain.err).toMatch(/^… reading /m);
    expect(plain.out).not.toContain('missing, per migration');
    expect(await runCli(['check', '--quiet', '--verbose', '--url', db.url])).toMatchObject({ code: 2 });
  });

  it('colour only where it is allowed: FORCE_COLOR colours the real binary, NO_COLOR and --no-color win', async () => {
    const db = await build('seed-incident');
    const forced = await runBin(['check', '--url', db.url], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(forced.code).toBe(1);
    expect(forced.out).toMatch(ANSI);
    const noColor = await runBin(['check', '--url', db.url], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.out).not.toMatch(ANSI);
    const flag = await runBin(['check', '--no-color', '--url', db.url], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(flag.out).not.toMatch(ANSI);
    expect(flag.out).toContain('verdict: stamped-without-running');
    const piped = await runBin(['check', '--url', db.url], { env: { FORCE_COLOR: undefined, NO_COLOR: '' } });
    expect(piped.out).not.toMatch(ANSI);
  });
});

describe('paint', () => {
  it('colours lines by what they say, and nothing when colour is off', () => {
    const text = 'verified: in sync\nREFUSED: no\n  ✗ ledger\nplain';
    expect(paint(text, false)).toBe(text);
    const lines = paint(text, true).split('\n');
    expect(lines[0]).toBe('\u001B[32mverified: in sync\u001B[0m');
    expect(lines[1]).toBe('\u001B[31mREFUSED: no\u001B[0m');
    expect(lines[2]).toBe('\u001B[31m  ✗ ledger\u001B[0m');
    expect(lines[3]).toBe('plain');
  });
});

describe('which front end the wizard uses', () => {
  const terminal: Terminal = { stdinTty: true, stdoutTty: true, rawMode: true, term: 'xterm-256color', ci: false };

  it('auto: Ink on a capable terminal; plain lines on TERM=dumb, piped output or CI; a refusal when nobody can answer', () => {
    expect(pickUi(undefined, terminal)).toBe('ink');
    expect(pickUi('auto', { ...terminal, term: 'dumb' })).toBe('plain');
    expect(pickUi('auto', { ...terminal, stdoutTty: false })).toBe('plain');
    expect(pickUi('auto', { ...terminal, rawMode: false })).toBe('plain');
    expect(pickUi('auto', { ...terminal, ci: true })).toBe('plain');
    expect(() => pickUi('auto', { ...terminal, stdinTty: false })).toThrow(/stdin is not a terminal/);
    expect(() => pickUi('auto', { ...terminal, stdinTty: false, stdoutTty: false })).toThrow(
      expect.objectContaining({ exitCode: 3, hint: expect.stringContaining('--ui plain') }),
    );
  });

  it('asked for: plain always (answers may come from a pipe); Ink only where it can run', () => {
    expect(pickUi('plain', { ...terminal, stdinTty: false, stdoutTty: false })).toBe('plain');
    expect(pickUi('ink', terminal)).toBe('ink');
    expect(() => pickUi('ink', { ...terminal, term: 'dumb' })).toThrow(expect.objectContaining({ hint: expect.stringContaining('--ui plain'), exitCode: 3 }));
    expect(() => pickUi('fancy', terminal)).toThrow(/not a front end/);
  });
});
