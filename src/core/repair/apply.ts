import type pg from 'pg';
import { quoteIdent } from '../db.js';
import { describePgError, DriftDoctorError } from '../errors.js';
import type { ApplyProgress, ApplyResult, PlanStep, RepairPlan, VerifyResult } from '../types.js';

export interface ApplyOptions {
  schema: string;
  /** Key of the advisory lock: one repair per database + ledger at a time. */
  lockKey: string;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
  mask: (s: string) => string;
  onProgress?: (p: ApplyProgress) => void;
  /** Detects again on the same transaction; the repair commits only when it passes. */
  verifyInside: () => Promise<VerifyResult>;
  /** Roll back at the end even when verification passed (rehearsal). */
  rehearse?: boolean;
}

async function whoHoldsLock(client: pg.Client, key: string): Promise<string> {
  const res = await client.query<{ pid: number; usename: string; application_name: string; since: Date }>(
    `select a.pid, a.usename, a.application_name, a.xact_start as since
     from pg_locks l join pg_stat_activity a on a.pid = l.pid
     where l.locktype = 'advisory' and l.granted
       and ((l.classid::bigint << 32) | l.objid::bigint) = (hashtextextended($1, 0) & x'ffffffffffffffff'::bigint)
     limit 1`,
    [key],
  ).catch(() => ({ rows: [] as { pid: number; usename: string; application_name: string; since: Date }[] }));
  const h = res.rows[0];
  return h ? `backend ${h.pid} (role ${h.usename}, ${h.application_name || 'unknown app'}, since ${new Date(h.since).toISOString()})` : 'another session';
}

/**
 * One transaction: advisory lock, lock/statement timeouts, every step, then
 * verification on the same transaction. Any error or a failed verification
 * rolls everything back; nothing is half-done.
 */
export async function applyPlan(client: pg.Client, plan: RepairPlan, opts: ApplyOptions): Promise<ApplyResult> {
  const started = Date.now();
  const steps = plan.steps.filter((s) => !s.outsideTransaction);
  let current: PlanStep | null = null;
  let stepsRun = 0;
  await client.query('begin');
  try {
    await client.query(`set local lock_timeout = ${Math.max(1, Math.floor(opts.lockTimeoutMs))}`);
    await client.query(`set local statement_timeout = ${Math.max(1, Math.floor(opts.statementTimeoutMs))}`);
    // Unqualified names in migration SQL must land in the target schema.
    await client.query(`set local search_path to ${quoteIdent(opts.schema)}, public`);
    const got = await client.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as ok', [opts.lockKey]);
    if (!got.rows[0]?.ok) {
      throw new DriftDoctorError(`another repair holds the drift-doctor lock on this database: ${await whoHoldsLock(client, opts.lockKey)}`, 'wait for it to finish, then run check again', 3);
    }
    for (const [index, step] of steps.entries()) {
      current = step;
      opts.onProgress?.({ index, total: steps.length, step, state: 'running' });
      await client.query(step.sql);
      stepsRun++;
      opts.onProgress?.({ index, total: steps.length, step, state: 'done' });
    }
    current = null;
    const verify = await opts.verifyInside();
    if (!verify.ok || opts.rehearse) {
      await client.query('rollback');
      const failed = verify.checks.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`).join('; ');
      return {
        ok: opts.rehearse === true && verify.ok,
        error: verify.ok ? null : `the repair did not verify, so it was rolled back — ${failed}`,
        failedStep: null, stepsRun, durationMs: Date.now() - started, verify,
      };
    }
    await client.query('commit');
    return { ok: true, error: null, failedStep: null, stepsRun, durationMs: Date.now() - started, verify };
  } catch (e) {
    await client.query('rollback').catch(() => {});
    if (current) opts.onProgress?.({ index: stepsRun, total: steps.length, step: current, state: 'failed' });
    const err = describePgError(e, opts.mask);
    const where = current ? ` (step ${stepsRun + 1}: ${current.sql.slice(0, 200)})` : '';
    return { ok: false, error: `${err.message}${where}. Nothing was changed: the transaction was rolled back. ${err.hint}`, failedStep: current, stepsRun, durationMs: Date.now() - started, verify: null };
  }
}
