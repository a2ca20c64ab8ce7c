import type pg from 'pg';
import { quoteIdent } from '../db.js';
import { describePgError } from '../errors.js';
import type { ApplyProgress, PlanStep, RepairPlan } from '../types.js';
import { setTimeouts, type RepairLimits } from './settings.js';

/** What the in-transaction verification must take on trust, because a phase after COMMIT will do it. */
export interface Deferred {
  /** Migrations recorded only once their non-transactional phase completed. */
  migrations: string[];
  /** Indexes a phase builds or rebuilds (invalid until then). */
  indexes: string[];
}

function indexNameOf(sql: string): string | null {
  const m = /^\s*(?:create\s+(?:unique\s+)?index\s+concurrently\s+(?:if\s+not\s+exists\s+)?|reindex\s+index\s+concurrently\s+)(?:"[^"]+"\.)?"?([^"\s(;]+)"?/i.exec(sql);
  return m?.[1] ?? null;
}

export function deferredOf(plan: RepairPlan): Deferred {
  const outside = plan.steps.filter((s) => s.outsideTransaction);
  return {
    migrations: outside.flatMap((s) => (s.kind === 'ledger-record' ? [s.migration] : [])),
    indexes: outside.map((s) => indexNameOf(s.sql)).filter((n): n is string => n !== null),
  };
}

export interface PhaseResult {
  ok: boolean;
  error: string | null;
  failedStep: PlanStep | null;
  stepsRun: number;
}

export interface PhaseOptions extends RepairLimits {
  schema: string;
  onProgress?: (p: ApplyProgress) => void;
  /** Position of the first phase step in the whole plan (for progress). */
  offset: number;
  total: number;
}

/**
 * Runs the plan's non-transactional steps after COMMIT, one by one (CREATE
 * INDEX CONCURRENTLY, REINDEX CONCURRENTLY cannot run in a transaction).
 * Each is idempotent, so a failure leaves a state a second run resumes from.
 */
export async function runPhases(client: pg.Client, steps: PlanStep[], opts: PhaseOptions): Promise<PhaseResult> {
  let stepsRun = 0;
  let current: PlanStep | null = null;
  let locked = false;
  try {
    await setTimeouts(client, opts, 'session');
    await client.query(`set search_path to ${quoteIdent(opts.schema)}, public`);
    const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as ok', [opts.lockKey]);
    locked = got.rows[0]?.ok === true;
    if (!locked) throw new Error('another repair took the drift-doctor lock between the transaction and its non-transactional phase');
    for (const [i, step] of steps.entries()) {
      current = step;
      opts.onProgress?.({ index: opts.offset + i, total: opts.total, step, state: 'running' });
      await client.query(step.sql);
      stepsRun++;
      opts.onProgress?.({ index: opts.offset + i, total: opts.total, step, state: 'done' });
    }
    return { ok: true, error: null, failedStep: null, stepsRun };
  } catch (e) {
    if (current) opts.onProgress?.({ index: opts.offset + stepsRun, total: opts.total, step: current, state: 'failed' });
    const err = describePgError(e, opts.mask);
    return {
      ok: false,
      error: `the transaction committed, but the non-transactional phase stopped at "${current?.sql.slice(0, 160) ?? ''}": ${err.message}. Each phase step is idempotent: run the same repair again to resume. ${err.hint}`,
      failedStep: current,
      stepsRun,
    };
  } finally {
    if (locked) await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [opts.lockKey]).catch(() => {});
    await client.query('reset lock_timeout; reset statement_timeout; reset search_path').catch(() => {});
  }
}
