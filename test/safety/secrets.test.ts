/**
 * The password never leaves: not in stdout, stderr, JSON or a journal —
 * also when the server echoes it back (a database named like the password)
 * or when another session's text carrying it ends up in an error. The local
 * server uses trust auth, so any password connects.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { holdLock } from '../faults/support.js';

const PLAIN = 'Sekr3tPw9';
/** A password that needs percent-encoding in a URL: neither spelling may leak. */
const ODD = 'S3kr@t/Pw:9';

function urlWith(password: string, database: string): string {
  const u = new URL(ADMIN_URL);
  u.password = encodeURIComponent(password);
  u.pathname = `/${database}`;
  return u.toString();
}

function expectNoSecret(password: string, label: string, ...texts: string[]): void {
  const spellings = [password, encodeURIComponent(password)];
  for (const text of texts) {
    for (const s of spellings) expect(text.includes(s), `${label} leaks ${s}:\n${text.slice(0, 2000)}`).toBe(false);
  }
}

const all = (r: CliResult) => [r.out, r.err];

describe('secrets are masked everywhere', () => {
  it('the server echoes the password (a database named like it): check, check --json, repair, rehearse, undo', async () => {
    const url = urlWith(PLAIN, PLAIN);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dd-secret-'));
    const runs: [string, string[]][] = [
      ['check', ['check', '--url', url]],
      ['check --json', ['check', '--json', '--url', url]],
      ['repair --dry-run', ['repair', '--strategy', 'create-all', '--dry-run', '--url', url]],
      ['repair --yes --json', ['repair', '--strategy', 'create-all', '--yes', '--json', '--journal', dir, '--url', url]],
      ['repair --rehearse --json', ['repair', '--strategy', 'create-all', '--rehearse', '--json', '--url', url]],
      ['wizard without a terminal', ['--url', url]],
    ];
    for (const [label, args] of runs) {
      const r = await runCli(args);
      // Without a terminal the wizard asks nothing (exit 3, before connecting); the others reach the server.
      expect(r.code, `${label}: ${r.err}`).toBe(label === 'wizard without a terminal' ? 3 : 2);
      // the server's sentence is there, with the name masked
      if (label !== 'wizard without a terminal') expect(r.err, label).toMatch(/database "\*\*\*" does not exist/);
      expectNoSecret(PLAIN, label, ...all(r));
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  describe.each([PLAIN, ODD])('password %s on a real database', (password) => {
    let db: TestDatabase;
    let url: string;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dd-secret-'));
    beforeAll(async () => {
      db = await createTestDatabase('dd_secret');
      await findScenario('seed-incident')!.build({ url: db.url });
      url = urlWith(password, db.name);
    });
    afterAll(async () => {
      await db.drop();
    });

    it('check, check --json, repair --dry-run --json and --rehearse --json', async () => {
      for (const args of [['check'], ['check', '--json'], ['repair', '--strategy', 'create-all', '--dry-run', '--json'], ['repair', '--strategy', 'create-all', '--rehearse', '--json']]) {
        const r = await runCli([...args, '--url', url]);
        expect(r.code, `${args.join(' ')}: ${r.err}`).toBeLessThan(2);
        expectNoSecret(password, args.join(' '), ...all(r));
      }
      const json = JSON.parse((await runCli(['check', '--json', '--url', url])).out) as { connection: { maskedUrl: string } };
      expect(json.connection.maskedUrl).toContain(':***@');
    });

    it('a failed apply whose error quotes another session carrying the password: output and journal', async () => {
      // The blocker names itself with the password; the lock_timeout error describes the blocker.
      const holder = await holdLock(db, 'lock table agents in row exclusive mode', `app ${password}`);
      let r: CliResult;
      try {
        r = await runCli(['repair', '--strategy', 'create-all', '--yes', '--lock-timeout', '300', '--journal', dir, '--url', url]);
      } finally {
        await holder.release();
      }
      expect(r.code, r.out + r.err).toBe(1);
      expect(r.out).toMatch(/lock/);
      expectNoSecret(password, 'failed repair', ...all(r));
      const file = /^journal: (.+)$/m.exec(r.out)![1]!;
      expectNoSecret(password, 'journal of the failed repair', readFileSync(file, 'utf8'));
    });

    it('repair --yes (text and JSON), its journal, and undo', async () => {
      const applied = await runCli(['repair', '--strategy', 'create-all', '--yes', '--json', '--journal', dir, '--url', url]);
      expect(applied.code, applied.err).toBe(0);
      expectNoSecret(password, 'repair --yes --json', ...all(applied));
      const file = (JSON.parse(applied.out) as { result: { journalPath: string } }).result.journalPath;
      const text = readFileSync(file, 'utf8');
      expectNoSecret(password, 'journal', text);
      expect(text).toContain(`"maskedUrl": "${urlWith('***', db.name).replace('%2A%2A%2A', '***')}"`);

      const undo = await runCli(['undo', file, '--yes', '--url', url]);
      expect(undo.code, undo.out + undo.err).toBe(0);
      expectNoSecret(password, 'undo', ...all(undo));
      const undoJson = await runCli(['undo', file, '--dry-run', '--json', '--url', url]);
      expectNoSecret(password, 'undo --json', ...all(undoJson));
    });
  });
});
