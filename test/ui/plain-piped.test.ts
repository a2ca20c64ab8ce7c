import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { checkJson } from '../helpers/cli.js';
import { scenarioDatabases } from '../helpers/scenario.js';

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001B/;

/**
 * The real binary with its answers piped in, as a script or `kubectl exec -i`
 * would give them: stdin, stdout and stderr are pipes, no terminal anywhere.
 */
describe('drift-doctor --ui plain with the answers piped in', () => {
  const scenarios = scenarioDatabases();
  const journalDir = mkdtempSync(path.join(os.tmpdir(), 'dd-plain-piped-'));
  afterAll(() => rmSync(journalDir, { recursive: true, force: true }));

  it('walks S01 to "verified: in sync" and exits 0; the database is then in sync', async () => {
    const db = await scenarios.build('seed-incident');
    // Connect: detect? · Choose · Preview: apply · Confirm: the name · the report offer: no.
    const input = ['y', 'create-all', 'apply', db.name, 'n'].map((a) => `${a}\n`).join('');
    const r = await runBin(['--ui', 'plain', '--url', db.url, '--journal', journalDir], { input });
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    expect(r.out).toContain(`? Type the database name (${db.name}) to apply: ${db.name}`);
    expect(r.out).toMatch(/^ {2}✓ +95\/95 {2}/m);
    expect(r.out).toContain('verified: in sync');
    // Not a terminal: no colour, no cursor movement, nothing but text.
    expect(r.out + r.err).not.toMatch(ESCAPE);
    expect((await checkJson(db.url)).json.inSync).toBe(true);
  });

  it('answers that run out before the walk ends: exit 2, naming the question; nothing was changed', async () => {
    const db = await scenarios.build('seed-incident');
    const r = await runBin(['--ui', 'plain', '--url', db.url, '--journal', journalDir], { input: 'y\n' });
    expect(r.code, `${r.out}\n${r.err}`).toBe(2);
    expect(r.out).toContain('input ended before an answer to "Which repair?": nothing was changed');
    expect((await checkJson(db.url)).json.counts.recorded).toBe(19);
  });
});
