import type { Queryable } from '../db.js';

/** Limits every writing session of drift-doctor runs under (repair, its phases, undo). */
export interface RepairLimits {
  /** Key of the advisory lock: one repair per database + ledger at a time. */
  lockKey: string;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
  mask: (s: string) => string;
}

/**
 * Sets lock_timeout and statement_timeout: `local` for the current
 * transaction, `session` for statements that cannot run in one.
 */
export async function setTimeouts(db: Queryable, limits: Pick<RepairLimits, 'lockTimeoutMs' | 'statementTimeoutMs'>, scope: 'local' | 'session'): Promise<void> {
  const set = scope === 'local' ? 'set local' : 'set';
  await db.query(`${set} lock_timeout = ${Math.max(1, Math.floor(limits.lockTimeoutMs))}`);
  await db.query(`${set} statement_timeout = ${Math.max(1, Math.floor(limits.statementTimeoutMs))}`);
}
