import type pg from 'pg';
import { quoteIdent } from '../db.js';
import { describePgError, DriftDoctorError, isConnectionLost } from '../errors.js';
import type { ApplyProgress, ApplyResult, PlanStep, RepairPlan, VerifyResult } from '../types.js';
import { setTimeouts, type RepairLimits } from './settings.js';
import { describeBlocker, displayName, findBlockers, modeWords } from './blockers.js';

export interface ApplyOptions extends RepairLimits {
  schema: string;
  onProgress?: (p: ApplyProgress) => void;
  /** Detects again on the same transaction; the repair commits only when it passes. */
  verifyInside: () => Promise<VerifyResult>;
  /** Roll back at the end even when verification passed (rehearsal). */
  rehearse?: boolean;
}

/**
 * How often the server checks, while a statement runs or waits for a lock,
 * that we are still connected. Without it a killed drift-doctor leaves its
 * backend waiting (holding the locks earlier steps took) until the lock it
 * waits for is granted or lock_timeout passes; with it the server notices
 * within this interval and rolls back. PostgreSQL 14+, Linux; ignored elsewhere.
 */
const CLIENT_CHECK_MS = 1000;

interface HolderRow { pid: number; usename: string | null; application_name: string | null; since: Date | null }

/**
 * Who holds the repair's advisory lock. `pg_try_advisory_xact_lock(bigint)`
 * shows in pg_locks as classid = the key's high 32 bits, objid = its low 32
 * bits, objsubid = 1 (two int4 keys use objsubid = 2); both halves are
 * unsigned there, so the key is rebuilt from them and compared as a bigint.
 */
export async function whoHoldsLock(client: pg.Client, key: string): Promise<string> {
  const res = await client.query<HolderRow>(
    `select a.pid, a.usename, a.application_name, a.xact_start as since
       from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted and l.objsubid = 1
        and l.database = (select oid from pg_database where datname = current_database())
        and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)
        and l.pid <> pg_backend_pid()
      limit 1`,
    [key],
  ).catch(() => ({ rows: [] as HolderRow[] }));
  const h = res.rows[0];
  if (!h) return 'another session (it could not be identified in pg_locks; it may have just finished)';
  const since = h.since ? `, since ${new Date(h.since).toISOString()}` : '';
  return `backend ${h.pid} (role ${h.usename ?? 'unknown'}, application ${h.application_name ? `"${h.application_name}"` : 'unnamed'}${since})`;
}

type Phase = 'setup' | 'steps' | 'verify' | 'commit';

interface Failure {
  error: unknown;
  phase: Phase;
  step: PlanStep | null;
  stepNumber: number;
  total: number;
}

function stepWords(f: Failure): string {
  return f.step ? `step ${f.stepNumber} of ${f.total} (${f.step.sql.slice(0, 200)})` : f.phase === 'verify' ? 'verification' : 'the set-up of the transaction';
}

/** After ROLLBACK on 55P03: which relation the step waited for, and who holds it. */
async function lockTimeoutText(client: pg.Client, f: Failure, opts: ApplyOptions): Promise<{ message: string; hint: string }> {
  const waited = `${stepWords(f)} waited more than ${opts.lockTimeoutMs} ms (lock_timeout) for a lock`;
  if (!f.step) return { message: `${waited}.`, hint: 'find the blocking session in pg_stat_activity, wait for it, or raise --lock-timeout' };
  const { requests, blockers } = await findBlockers(client, f.step.sql, opts.schema);
  const wanted = requests.map((r) => `${modeWords(r.mode)} on ${displayName(r.schema ?? opts.schema, r.name)}`).join(' and ');
  if (!blockers.length) {
    return {
      message: `${waited}${wanted ? ` (it needs ${wanted})` : ''}; no other session holds a conflicting table lock now (the blocker finished, or it held a row lock)`,
      hint: 'run repair again; if it stops here again, look for long transactions in pg_stat_activity or raise --lock-timeout',
    };
  }
  const first = blockers[0]!;
  return {
    message: `${waited} on ${first.relation} (it needs ${modeWords(first.wanted)}): ${opts.mask(blockers.map(describeBlocker).join('; '))}`,
    hint: `wait for backend ${first.pid} to finish (or, if that is safe, end it with select pg_terminate_backend(${first.pid})), or raise --lock-timeout; then run repair again`,
  };
}

/** Words for a failure; `rolledBack` says whether our ROLLBACK reached the server. */
async function failureText(client: pg.Client, f: Failure, opts: ApplyOptions, rolledBack: boolean): Promise<string> {
  if (isConnectionLost(f.error)) {
    const err = describePgError(f.error, opts.mask);
    if (f.phase === 'commit') {
      return `the connection was lost while COMMIT was on its way (${err.message}): the server may or may not have committed the repair. ` +
        'What to do: run drift-doctor check to see which; do not run repair again before that.';
    }
    const why = err.message.replace(/^the connection was lost: /, '');
    return `the connection was lost during ${stepWords(f)} — ${why}. The server rolls back a transaction whose session ends before COMMIT, so nothing was committed. ` +
      'What to do: check the server is up, run drift-doctor check to see the state, then run repair again.';
  }
  const code = (f.error as { code?: string } | null)?.code;
  const undone = rolledBack ? 'Nothing was changed: the transaction was rolled back.' : 'Nothing was committed (the transaction could not even be rolled back cleanly; the server discards it when the session ends).';
  if (code === '55P03') {
    const t = await lockTimeoutText(client, f, opts);
    return `${t.message}. ${undone} What to do: ${t.hint}.`;
  }
  const err = describePgError(f.error, opts.mask);
  const said = code ? ` — PostgreSQL said (SQLSTATE ${code}): ${err.message}` : `: ${err.message}`;
  return `${stepWords(f)} failed${said}. ${undone} What to do: ${err.hint}.`;
}

/**
 * One transaction: advisory lock, lock/statement timeouts, every step, then
 * verification on the same transaction. Any error or a failed verification
 * rolls everything back; nothing is half-done. A second repair is refused
 * (DriftDoctorError, exit 3) rather than queued.
 */
export async function applyPlan(client: pg.Client, plan: RepairPlan, opts: ApplyOptions): Promise<ApplyResult> {
  const started = Date.now();
  const steps = plan.steps.filter((s) => !s.outsideTransaction);
  let current: PlanStep | null = null;
  let stepsRun = 0;
  let phase: Phase = 'setup';
  try {
    await client.query('begin');
    await setTimeouts(client, opts, 'local');
    await client.query(`select set_config('client_connection_check_interval', '${CLIENT_CHECK_MS}', true) from pg_settings where name = 'client_connection_check_interval'`);
    // Unqualified names in migration SQL must land in the target schema.
    await client.query(`set local search_path to ${quoteIdent(opts.schema)}, public`);
    const got = await client.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as ok', [opts.lockKey]);
    if (!got.rows[0]?.ok) {
      throw new DriftDoctorError(`another repair holds the drift-doctor lock on this database: ${await whoHoldsLock(client, opts.lockKey)}`, 'wait for it to finish, then run check again', 3);
    }
    phase = 'steps';
    for (const [index, step] of steps.entries()) {
      current = step;
      opts.onProgress?.({ index, total: steps.length, step, state: 'running' });
      await client.query(step.sql);
      stepsRun++;
      opts.onProgress?.({ index, total: steps.length, step, state: 'done' });
    }
    current = null;
    phase = 'verify';
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
    phase = 'commit';
    await client.query('commit');
    return { ok: true, error: null, failedStep: null, stepsRun, durationMs: Date.now() - started, verify };
  } catch (e) {
    const rolledBack = await client.query('rollback').then(() => true, () => false);
    if (e instanceof DriftDoctorError && e.exitCode === 3) throw e;
    if (current) opts.onProgress?.({ index: stepsRun, total: steps.length, step: current, state: 'failed' });
    const failure: Failure = { error: e, phase, step: current, stepNumber: stepsRun + 1, total: steps.length };
    return { ok: false, error: await failureText(client, failure, opts, rolledBack), failedStep: current, stepsRun, durationMs: Date.now() - started, verify: null };
  }
}
