/**
 * Every exit code the README promises, each caused for real on the real
 * server, and the `--json` document each command prints (schemaVersion 1,
 * the same exit code inside it, one document on stdout even on errors).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { migratorUp } from '../helpers/migrator.js';
import { scenarioDatabases } from '../helpers/scenario.js';
import { fingerprint, holdLock } from '../faults/support.js';

interface Envelope {
  schemaVersion: number;
  command: string;
  exitCode: number;
  error?: { message: string; hint: string };
}

const parseJson = <T = Envelope>(out: string): T & Envelope => JSON.parse(out) as T & Envelope;

describe('exit codes, each caused for real', { timeout: 240_000 }, () => {
  const { build } = scenarioDatabases();
  let healthy: TestDatabase;
  let incident: TestDatabase;
  beforeAll(async () => {
    healthy = await createTestDatabase('dd_exit_ok');
    await migratorUp(healthy.url);
    incident = await build('seed-incident');
  });
  afterAll(async () => {
    await healthy?.drop();
  });

  describe('0: in sync, or repaired and verified', () => {
    it('check on a fully migrated database', async () => {
      const r = await runCli(['check', '--json', '--url', healthy.url]);
      expect(r.code, r.err).toBe(0);
      const json = parseJson<{ inSync: boolean }>(r.out);
      expect(json).toMatchObject({ schemaVersion: 1, command: 'check', exitCode: 0, inSync: true });
    });

    it('an empty database is in step (exit 0), but every output says nothing of the application is there', async () => {
      const empty = await createTestDatabase('dd_exit_empty');
      try {
        const quiet = await runCli(['check', '--quiet', '--url', empty.url]);
        expect(quiet.code).toBe(0);
        expect(quiet.out).toBe('in sync, but nothing of this application is here yet (no ledger, no migration has run): check the URL');
        const full = await runCli(['check', '--url', empty.url]);
        expect(full.out).toContain("nothing of this application is here yet: no ledger and none of the 20 migrations' objects");
      } finally {
        await empty.drop();
      }
    });

    it('repair --rehearse that verifies (and rolls back: the database is unchanged)', async () => {
      const before = await fingerprint(incident);
      const r = await runCli(['repair', '--strategy', 'create-all', '--rehearse', '--json', '--url', incident.url]);
      expect(r.code, r.err).toBe(0);
      const json = parseJson<{ mode: string; rehearsal: boolean; result: { ok: boolean }; plan: { steps: unknown[] } }>(r.out);
      expect(json).toMatchObject({ schemaVersion: 1, command: 'repair', exitCode: 0, mode: 'rehearse', rehearsal: true });
      expect(json.result.ok).toBe(true);
      expect(json.plan.steps.length).toBeGreaterThan(30);
      expect(await fingerprint(incident)).toEqual(before);
    });
  });

  describe('1: drift found, or the repair failed and rolled back', () => {
    it('check on the incident', async () => {
      const r = await runCli(['check', '--json', '--url', incident.url]);
      expect(r.code).toBe(1);
      const json = parseJson<{ inSync: boolean; diagnosis: { verdict: string } }>(r.out);
      expect(json).toMatchObject({ schemaVersion: 1, command: 'check', exitCode: 1, inSync: false });
      expect(json.diagnosis.verdict).toBe('stamped-without-running');
    });

    it('repair --yes that cannot get its lock in time: rolled back, exit 1, nothing changed', async () => {
      const before = await fingerprint(incident);
      const holder = await holdLock(incident, 'lock table agents in row exclusive mode');
      try {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'dd-exit-journal-'));
        const r = await runCli(['repair', '--strategy', 'create-all', '--yes', '--json', '--lock-timeout', '300', '--journal', dir, '--url', incident.url]);
        expect(r.code, r.err).toBe(1);
        const json = parseJson<{ mode: string; result: { ok: boolean; error: string } }>(r.out);
        expect(json).toMatchObject({ command: 'repair', exitCode: 1, mode: 'apply' });
        expect(json.result.ok).toBe(false);
        expect(json.result.error).toMatch(/lock_timeout/);
      } finally {
        await holder.release();
      }
      expect(await fingerprint(incident)).toEqual(before);
    });
  });

  describe('2: an error (URL, connection, flags, files)', () => {
    it('a server that does not answer: JSON error on stdout, the way out on stderr', async () => {
      const r = await runCli(['check', '--json', '--url', 'postgresql://postgres@127.0.0.1:1/nowhere']);
      expect(r.code).toBe(2);
      const json = parseJson(r.out);
      expect(json).toMatchObject({ schemaVersion: 1, command: 'check', exitCode: 2 });
      expect(json.error?.message).toMatch(/127\.0\.0\.1:1/);
      expect(json.error?.hint.length).toBeGreaterThan(10);
      expect(r.err).toContain('What to do:');
    });

    it('an unknown flag, an unknown front end, a report that cannot be written', async () => {
      expect((await runCli(['check', '--frobnicate'])).code).toBe(2);
      expect((await runCli(['--ui', 'fancy', '--url', healthy.url])).code).toBe(2);
      // Below a file, so no directory can be made there (root can write almost anywhere else).
      const r = await runCli(['check', '--report', 'package.json/report.md', '--url', healthy.url]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--report package.json/report.md');
      expect(r.err).toContain('nothing was run');
    });

    it('a journal directory that cannot be made (under /proc, where Node\'s recursive mkdir never returns): exit 2 at once, nothing changed', async () => {
      const before = await fingerprint(incident);
      const r = await runCli(['repair', '--strategy', 'create-all', '--yes', '--journal', '/proc/drift-doctor-journals', '--url', incident.url]);
      expect(r.code, r.out + r.err).toBe(2);
      expect(r.err).toContain('cannot write the journal in /proc/drift-doctor-journals');
      expect(r.err).toContain('Nothing was changed.');
      expect(await fingerprint(incident)).toEqual(before);
    });
  });

  describe('3: refused, or a question only the operator can answer', () => {
    it('check on a database ahead of this checkout: refused', async () => {
      const ahead = await build('db-ahead-of-code');
      const r = await runCli(['check', '--json', '--url', ahead.url]);
      expect(r.code).toBe(3);
      const json = parseJson<{ diagnosis: { refusal: string | null } }>(r.out);
      expect(json.exitCode).toBe(3);
      expect(json.diagnosis.refusal).toMatch(/021_add_billing/);
    });

    it('repair without --strategy, or without --dry-run/--rehearse/--yes, names the flag that answers', async () => {
      const noStrategy = await runCli(['repair', '--yes', '--json', '--url', incident.url]);
      expect(noStrategy.code).toBe(3);
      expect(parseJson(noStrategy.out).error?.message).toContain('--strategy');
      const noMode = await runCli(['repair', '--strategy', 'create-all', '--url', incident.url]);
      expect(noMode.code).toBe(3);
      expect(noMode.err).toMatch(/--dry-run.*--rehearse.*--yes/);
    });

    it('a ledger found elsewhere is refused until --ledger says which is real', async () => {
      const elsewhere = await build('ledger-elsewhere');
      const refused = await runCli(['check', '--url', elsewhere.url]);
      expect(refused.code).toBe(3);
      expect(refused.out).toContain('--ledger ops.mikro_orm_migrations');
      const answered = await runCli(['check', '--url', elsewhere.url, '--ledger', 'ops.mikro_orm_migrations']);
      expect(answered.code, answered.out).toBe(0);
    });

    it('the wizard with no terminal to ask on (the real binary, stdin and stdout piped)', async () => {
      const r = await runBin(['--url', healthy.url], { env: { CI: '' } });
      expect(r.code, r.err).toBe(3);
      expect(r.err).toContain('stdin is not a terminal');
      expect(r.err).toContain('--ui plain');
      expect(r.err).toContain('repair --strategy');
    });
  });
});
