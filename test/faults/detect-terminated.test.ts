/**
 * The server goes away during detection. The shared server must not be
 * restarted (other test files use it), so the restart is simulated the way
 * the client experiences it: pg_terminate_backend of drift-doctor's session
 * (SQLSTATE 57P01, the same message a fast shutdown sends). Detection is
 * held mid-read by another session's ACCESS EXCLUSIVE lock on the ledger.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { fingerprint, holdLock, spawnCli, unchangedSentence, waitingOnLock, type Holder } from './support.js';

// Several detections per test, each starting an embedded PostgreSQL: slow on a busy two-core machine.
describe('the connection is lost during detection', { timeout: 180_000 }, () => {
  const dbs: TestDatabase[] = [];
  const holders: Holder[] = [];
  afterAll(async () => {
    for (const h of holders) await h.release();
    for (const d of dbs) await d.drop();
  });

  it('check exits 2 with a clear message; nothing was written', async () => {
    const db = await createTestDatabase('dd_fault_detect');
    dbs.push(db);
    await findScenario('seed-incident')!.build({ url: db.url });
    const before = await fingerprint(db);
    const holder = await holdLock(db, 'lock table mikro_orm_migrations in access exclusive mode');
    holders.push(holder);

    const child = spawnCli(['check', '--url', db.url]);
    const pid = await waitingOnLock(db);
    await db.query('select pg_terminate_backend($1)', [pid]);
    const exit = await child.exited;
    await holder.release();

    expect(exit.signal).toBeNull();
    expect(exit.code, exit.out + exit.err).toBe(2);
    expect(exit.out).toBe('');
    expect(exit.err).toContain('drift-doctor: the connection was lost: the server ended this session (pg_terminate_backend by an administrator, or a restart): terminating connection due to administrator command');
    expect(exit.err).toContain('What to do: check the server is up, then run the command again; nothing was committed');
    expect(exit.err).not.toMatch(/unexpected error|Unhandled|at .*\.ts:\d+/);
    expect(await fingerprint(db)).toEqual(before);
    console.log(`[fault: connection lost during detection] check exited 2: ${exit.err.trim().split('\n').filter((l) => l.startsWith('drift-doctor:') || l.startsWith('What to do')).join(' / ')}`);
    console.log(unchangedSentence('fault: connection lost during detection', before));
  });
});
