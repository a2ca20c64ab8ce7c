/**
 * Faults during apply, on the real PostgreSQL with the real binary. The
 * repair is made to stop mid-way deterministically: another session holds
 * ROW EXCLUSIVE on `agents` (as an application's open UPDATE would), which
 * S01's create-all needs in SHARE ROW EXCLUSIVE for its first foreign key to
 * agents (step 62 of 95) — so the repair waits inside its transaction with
 * the 61 steps before it done. Detection is not blocked: its ACCESS SHARE
 * reads do not conflict with ROW EXCLUSIVE.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { whoHoldsLock } from '../../src/core/repair/apply.js';
import { findScenario } from '../../src/scenarios/index.js';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import {
  fingerprint, gone, holdLock, JOURNALS, locksHeldBy, spawnCli, unchangedSentence, waitingOnLock, type Fingerprint, type Holder,
} from './support.js';

const BLOCK_AGENTS = 'lock table agents in row exclusive mode';

// Several detections per test, each starting an embedded PostgreSQL: slow on a busy two-core machine.
describe('faults during apply (S01, create-all)', { timeout: 180_000 }, () => {
  const dbs: TestDatabase[] = [];
  const holders: Holder[] = [];
  let db: TestDatabase;
  let before: Fingerprint;

  beforeEach(async () => {
    db = await createTestDatabase('dd_fault');
    dbs.push(db);
    await findScenario('seed-incident')!.build({ url: db.url });
    before = await fingerprint(db);
  });
  afterAll(async () => {
    for (const h of holders) await h.release();
    for (const d of dbs) await d.drop();
  });

  async function blocker(): Promise<Holder> {
    const h = await holdLock(db, BLOCK_AGENTS);
    holders.push(h);
    return h;
  }

  const repairArgs = (lockTimeout: number) => ['repair', '--strategy', 'create-all', '--yes', '--url', db.url, '--lock-timeout', String(lockTimeout), '--journal', JOURNALS];

  it('SIGKILL of drift-doctor mid-apply: the server notices within a second and rolls everything back', async () => {
    const holder = await blocker();
    const child = spawnCli(repairArgs(60_000));
    const pid = await waitingOnLock(db);
    expect(await locksHeldBy(db, pid), 'earlier steps ran inside the transaction').toBeGreaterThan(20);
    expect(child.output().err).toMatch(/✓ 61\/\d+/);
    child.process.kill('SIGKILL');
    const exit = await child.exited;
    expect(exit.signal).toBe('SIGKILL');
    // The blocker still holds its lock: the backend ends because client_connection_check_interval notices the dead client.
    const t0 = Date.now();
    await gone(db, pid, 10_000);
    const noticedMs = Date.now() - t0;
    expect(await fingerprint(db)).toEqual(before);
    await holder.release();
    expect(await fingerprint(db)).toEqual(before);
    console.log(`[fault: SIGKILL mid-apply] backend ${pid} (${'>'}20 relation locks, waiting at step 62) ended ${noticedMs} ms after the kill, while the blocker still held its lock`);
    console.log(unchangedSentence('fault: SIGKILL mid-apply', before));
  });

  it('pg_terminate_backend mid-apply: exit 1, "the connection was lost … nothing was committed"', async () => {
    const holder = await blocker();
    const child = spawnCli(repairArgs(60_000));
    const pid = await waitingOnLock(db);
    await db.query('select pg_terminate_backend($1)', [pid]);
    const exit = await child.exited;
    expect(exit.signal).toBeNull();
    expect(exit.code, exit.out + exit.err).toBe(1);
    const said = exit.out + exit.err;
    expect(said).toMatch(/the connection was lost during step 62 of \d+ .*nothing was committed/s);
    expect(said).toContain('pg_terminate_backend');
    expect(said).not.toMatch(/unexpected error|Unhandled|at .*\.ts:\d+/);
    await holder.release();
    expect(await fingerprint(db)).toEqual(before);
    console.log(`[fault: backend terminated mid-apply] drift-doctor exited ${exit.code}: ${exit.out.trim().split('\n')[0]}`);
    console.log(unchangedSentence('fault: backend terminated mid-apply', before));
  });

  it('lock_timeout: stops, names the relation and the backend holding it, exit 1', async () => {
    const holder = await blocker();
    const r = await runCli(repairArgs(500));
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toMatch(/step 62 of \d+ .* waited more than 500 ms \(lock_timeout\) for a lock on public\.agents \(it needs SHARE ROW EXCLUSIVE\)/s);
    expect(r.out).toContain(`backend ${holder.pid} (application "fault-test-blocker", role postgres`);
    expect(r.out).toMatch(/idle in transaction, transaction open for \d+(\.\d)? s\) holds ROW EXCLUSIVE on public\.agents/);
    expect(r.out).toContain(`select pg_terminate_backend(${holder.pid})`);
    expect(r.out).toContain('Nothing was changed: the transaction was rolled back.');
    expect(await fingerprint(db)).toEqual(before);
    await holder.release();
    console.log(`[fault: lock_timeout] ${r.out.split('\n')[0]}`);
    console.log(unchangedSentence('fault: lock_timeout', before));
  });

  it('two applies at once: the second is refused with exit 3 and told which backend holds the drift-doctor lock', async () => {
    const holder = await blocker();
    const first = spawnCli(repairArgs(60_000));
    const firstPid = await waitingOnLock(db);
    const second = spawnCli(repairArgs(60_000));
    const exit = await second.exited;
    expect(exit.code, exit.out + exit.err).toBe(3);
    expect(exit.err).toMatch(new RegExp(`another repair holds the drift-doctor lock on this database: backend ${firstPid} \\(role postgres, application "drift-doctor", since \\d{4}-`));
    expect(await fingerprint(db)).toEqual(before);
    first.process.kill('SIGKILL');
    await first.exited;
    await gone(db, firstPid);
    await holder.release();
    expect(await fingerprint(db)).toEqual(before);
    console.log(`[fault: concurrent apply] second run exited 3: ${exit.err.trim().split('\n').find((l) => l.includes('another repair'))}`);
    console.log(unchangedSentence('fault: concurrent apply', before));
  });

  it('whoHoldsLock finds the holder of a bigint advisory key, whatever the sign of its hash', async () => {
    const holder = new pg.Client({ connectionString: db.url, application_name: 'lock-holder' });
    const asker = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await asker.connect();
    try {
      const holderPid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      // Keys whose hashtextextended is negative and positive (the high half is stored unsigned in pg_locks.classid).
      const keys = (await asker.query<{ k: string; h: string }>(
        `select k, hashtextextended(k, 0)::text as h from (values ('drift-doctor:a'), ('drift-doctor:b'), ('drift-doctor:c'), ('drift-doctor:d'), ('drift-doctor:e'), ('drift-doctor:f')) v(k)`)).rows;
      const negative = keys.find((k) => k.h.startsWith('-'));
      const positive = keys.find((k) => !k.h.startsWith('-'));
      expect(negative && positive, 'both signs among the sample keys').toBeTruthy();
      for (const key of [negative!.k, positive!.k]) {
        await holder.query('begin');
        await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
        expect(await whoHoldsLock(asker, key)).toMatch(new RegExp(`^backend ${holderPid} \\(role postgres, application "lock-holder"`));
        expect(await whoHoldsLock(asker, `${key}-other`)).toMatch(/^another session/);
        await holder.query('rollback');
      }
    } finally {
      await holder.end();
      await asker.end();
    }
  });
});
