/**
 * Detection needs only SELECT, and never writes. Roles are cluster-wide, so
 * they get unique names and are dropped (after the database) at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios/index.js';
import { runCli } from '../helpers/cli.js';
import { adminQuery, createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { fingerprint, unchangedSentence, writeCounters, type Fingerprint } from './support.js';

const suffix = randomBytes(3).toString('hex');
const READER = `dd_reader_${suffix}`;
const OUTSIDER = `dd_outsider_${suffix}`;

function as(db: TestDatabase, role: string): string {
  const u = new URL(db.url);
  u.username = role;
  return u.toString();
}

/** Stats reach pg_stat_user_tables when a backend goes idle or exits; wait until two reads agree. */
async function settledCounters(db: TestDatabase): Promise<Record<string, string>> {
  let last = await writeCounters(db);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await writeCounters(db);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

describe('detection with least privilege, and proof it never writes', () => {
  let db: TestDatabase;
  let before: Fingerprint;
  beforeAll(async () => {
    db = await createTestDatabase('dd_fault_roles');
    await findScenario('seed-incident')!.build({ url: db.url });
    await db.query(`create role ${READER} login`);
    await db.query(`grant usage on schema public to ${READER}`);
    await db.query(`grant select on all tables in schema public to ${READER}`);
    await db.query(`grant select on all sequences in schema public to ${READER}`);
    await db.query(`create role ${OUTSIDER} login`);
    await db.query(`grant usage on schema public to ${OUTSIDER}`);
    await db.query(`grant select on agents, tools to ${OUTSIDER}`);
    before = await fingerprint(db);
  });
  afterAll(async () => {
    await db?.drop();
    await adminQuery(`drop role if exists ${READER}`);
    await adminQuery(`drop role if exists ${OUTSIDER}`);
  });

  it('a SELECT-only role runs check to the end and states what it could not see', async () => {
    const counters = await settledCounters(db);
    const r = await runCli(['check', '--url', as(db, READER)]);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toContain(`as ${READER} `);
    expect(r.out).toContain('verdict: stamped-without-running');
    expect(r.out).toContain('the role may not call pg_stat_file, so the database creation time is unknown (grant pg_read_server_files to see it)');
    expect(await fingerprint(db)).toEqual(before);
    expect(await settledCounters(db)).toEqual(counters);
    console.log(`[fault: SELECT-only role] check exited 1 (drift found) as ${READER}; gap stated: the role may not call pg_stat_file`);
    console.log(unchangedSentence('fault: SELECT-only role', before) + '; pg_stat_user_tables insert/update/delete counters unchanged');
  });

  it('a role that may not read the ledger is told which table and which GRANT, exit 2', async () => {
    const r = await runCli(['check', '--url', as(db, OUTSIDER)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`drift-doctor: role ${OUTSIDER} may not read the ledger table public.mikro_orm_migrations (no SELECT privilege on it)`);
    expect(r.err).toContain(`What to do: as the table's owner or a superuser run: GRANT SELECT ON "public"."mikro_orm_migrations" TO "${OUTSIDER}";`);
    expect(await fingerprint(db)).toEqual(before);
    console.log(`[fault: no access to the ledger] check exited 2: ${r.err.split('\n').filter((l) => !l.startsWith('…')).join(' / ')}`);
    console.log(unchangedSentence('fault: no access to the ledger', before));
  });

  it('repair --yes as the SELECT-only role: refused before anything runs, naming every missing right, exit 2, no journal', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dd-preflight-'));
    for (const strategy of ['create-all', 'rerun']) {
      const r = await runCli(['repair', '--strategy', strategy, '--yes', '--journal', dir, '--url', as(db, READER)]);
      expect(r.code, r.out + r.err).toBe(2);
      expect(r.err).toContain(`role ${READER} may not run this repair: it lacks `);
      expect(r.err).toMatch(strategy === 'rerun' ? /INSERT, DELETE on public\.mikro_orm_migrations/ : /INSERT on public\.mikro_orm_migrations/);
      expect(r.err).toContain('CREATE on schema public');
      expect(r.err).toContain('ownership of public.agents');
      expect(r.err).toContain('Nothing was run.');
    }
    expect(readdirSync(dir)).toEqual([]);
    // The dry run, which needs only read access, says so up front.
    const dry = await runCli(['repair', '--strategy', 'create-all', '--dry-run', '--url', as(db, READER)]);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(new RegExp(`note: role ${READER} could not apply this plan: it lacks INSERT on public\\.mikro_orm_migrations; CREATE on schema public`));
    expect(await fingerprint(db)).toEqual(before);
  });

  it('check as the owner (who could write) writes nothing either: xmin and pg_stat_user_tables unchanged', async () => {
    const counters = await settledCounters(db);
    const r = await runCli(['check', '--json', '--url', db.url]);
    expect(r.code).toBe(1);
    expect(await fingerprint(db)).toEqual(before);
    expect(await settledCounters(db)).toEqual(counters);
    console.log(unchangedSentence('fault: check as the owner', before) + '; pg_stat_user_tables insert/update/delete counters unchanged');
  });
});
