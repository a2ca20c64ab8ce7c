import type pg from 'pg';
import { qualified, quoteLiteral } from '../db.js';
import { describePgError, DriftDoctorError } from '../errors.js';
import type { ConnectionInfo, PlanStep } from '../types.js';
import { readExactLedger, readIdentity, type DatabaseIdentity, type ExactLedger, type ExactLedgerRow, type Journal, type SessionSettings } from './journal.js';
import { setTimeouts, type RepairLimits } from './settings.js';

/** Key of the advisory lock shared by repair and undo: one at a time per database + ledger. */
export function repairLockKey(database: string, ledgerSchema: string, ledgerTable: string): string {
  return `drift-doctor:${database}:${ledgerSchema}.${ledgerTable}`;
}

export interface UndoStep {
  sql: string;
  reason: string;
}

/** What undo would do, computed before anything runs; printable as it is. */
export interface UndoPlan {
  journalId: string;
  database: string;
  ledger: string;
  /** Set when undo must not run (exit 3); the sentence says why and what to do. */
  refusal: string | null;
  /** The rows (and sequence) the ledger will hold: those the journal found before the repair. */
  restore: ExactLedger;
  /** The ledger now, as read before planning. */
  current: ExactLedger;
  steps: UndoStep[];
  /** Schema objects the repair created: listed for the operator, never dropped. */
  leftInPlace: CreatedObject[];
  /** How the ledger changed after the repair (empty when it is as the repair left it). */
  changedSince: string[];
  /** The ledger already holds exactly the rows from before the repair: nothing to do. */
  alreadyRestored: boolean;
}

export interface UndoResult {
  ok: boolean;
  error: string | null;
  durationMs: number;
}

const rowKey = (r: ExactLedgerRow) => `${r.id}\u0000${r.name}\u0000${r.executedAt ?? ''}`;
const rowText = (r: ExactLedgerRow) => `#${r.id} ${r.name} (${r.executedAt ?? 'no date'})`;

function sameRows(a: ExactLedgerRow[], b: ExactLedgerRow[]): boolean {
  return a.length === b.length && a.every((r, i) => rowKey(r) === rowKey(b[i]!));
}

function rowDifference(now: ExactLedgerRow[], then: ExactLedgerRow[]): string[] {
  const thenKeys = new Set(then.map(rowKey));
  const nowKeys = new Set(now.map(rowKey));
  const added = now.filter((r) => !thenKeys.has(rowKey(r)));
  const removed = then.filter((r) => !nowKeys.has(rowKey(r)));
  const list = (rows: ExactLedgerRow[]) => rows.slice(0, 4).map(rowText).join(', ') + (rows.length > 4 ? ` (+${rows.length - 4} more)` : '');
  return [
    ...(added.length ? [`${added.length} row${added.length === 1 ? '' : 's'} added since: ${list(added)}`] : []),
    ...(removed.length ? [`${removed.length} row${removed.length === 1 ? '' : 's'} removed since: ${list(removed)}`] : []),
  ];
}

/** A schema object a repair created; undo lists it and never drops it. */
export interface CreatedObject {
  kind: 'table' | 'type' | 'sequence' | 'column' | 'index' | 'constraint' | 'rebuilt index' | 'other';
  name: string;
  /** Owning table (column, index, constraint). */
  table?: string;
  /** The table was itself created by the repair (its indexes and constraints go with it). */
  onNewTable?: boolean;
  sql: string;
}

const ident = '(?:"[^"]+"\\.)?"?([^"\\s(;]+)"?';

/** What one plan statement created, read from its SQL (the plan's own statements, so the shapes are known). */
function createdBy(sql: string): CreatedObject[] {
  const s = sql.trim();
  const head = s.replace(/\s+/g, ' ').slice(0, 160);
  let m = new RegExp(`^create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?${ident}`, 'i').exec(s);
  if (m) return [{ kind: 'table', name: m[1]!, sql: head }];
  m = new RegExp(`^create\\s+type\\s+${ident}`, 'i').exec(s);
  if (m) return [{ kind: 'type', name: m[1]!, sql: head }];
  m = new RegExp(`^create\\s+sequence\\s+(?:if\\s+not\\s+exists\\s+)?${ident}`, 'i').exec(s);
  if (m) return [{ kind: 'sequence', name: m[1]!, sql: head }];
  m = new RegExp(`^create\\s+(?:unique\\s+)?index\\s+(?:concurrently\\s+)?(?:if\\s+not\\s+exists\\s+)?${ident}\\s+on\\s+(?:only\\s+)?${ident}`, 'i').exec(s);
  if (m) return [{ kind: 'index', name: m[1]!, table: m[2]!, sql: head }];
  m = new RegExp(`^reindex\\s+index\\s+(?:concurrently\\s+)?${ident}`, 'i').exec(s);
  if (m) return [{ kind: 'rebuilt index', name: m[1]!, sql: head }];
  m = new RegExp(`^alter\\s+table\\s+(?:only\\s+)?${ident}\\s+(.*)$`, 'is').exec(s);
  if (m) {
    const table = m[1]!;
    const out: CreatedObject[] = [];
    for (const c of m[2]!.matchAll(/add\s+column\s+(?:if\s+not\s+exists\s+)?"?([^"\s]+)"?/gi)) out.push({ kind: 'column', name: c[1]!, table, sql: head });
    for (const c of m[2]!.matchAll(/add\s+constraint\s+"?([^"\s]+)"?/gi)) out.push({ kind: 'constraint', name: c[1]!, table, sql: head });
    if (out.length) return out;
  }
  return [{ kind: 'other', name: head.slice(0, 60), sql: head }];
}

/**
 * What the repair created, from its plan; an undo never drops any of it.
 * Steps run in the transaction first, then the phases after COMMIT; when it
 * committed, the first `stepsRun` of them ran (a failed phase stops the rest).
 */
function createdObjects(journal: Journal): CreatedObject[] {
  if (journal.outcome.status === 'rolled-back') return [];
  const ordered = [...journal.plan.steps.filter((s) => !s.outsideTransaction), ...journal.plan.steps.filter((s) => s.outsideTransaction)];
  const ran = journal.outcome.status === 'committed' ? ordered.slice(0, journal.outcome.stepsRun) : ordered;
  const isSchemaStep = (s: PlanStep) => s.kind === 'ddl' || s.kind === 'migration-statement';
  const objects = ran.filter(isSchemaStep).flatMap((s) => createdBy(s.sql));
  const newTables = new Set(objects.filter((o) => o.kind === 'table').map((o) => o.name));
  return objects.map((o) => (o.table && newTables.has(o.table) ? { ...o, onNewTable: true } : o));
}

function refusalOf(journal: Journal, info: ConnectionInfo, identity: DatabaseIdentity, current: ExactLedger, changedSince: string[], force: boolean, already: boolean): string | null {
  const w = journal.where;
  const ledger = `${w.ledgerSchema}.${w.ledgerTable}`;
  if (w.database !== info.database) {
    return `This journal is for database "${w.database}" (${w.maskedUrl}), but you are connected to "${info.database}" on ${info.server}; undo only restores the ledger of the database the repair ran on — pass --url for "${w.database}".`;
  }
  if (w.systemIdentifier && identity.systemIdentifier && w.systemIdentifier !== identity.systemIdentifier) {
    return `This journal is for "${w.database}" on another PostgreSQL cluster (system identifier ${w.systemIdentifier}; this server's is ${identity.systemIdentifier}); connect to the server the repair ran on (${w.server}).`;
  }
  if (w.databaseOid && identity.databaseOid && w.databaseOid !== identity.databaseOid) {
    return `Database "${w.database}" here is not the one the repair ran on (its OID is ${identity.databaseOid}, the journal's ${w.databaseOid}): it was dropped and created again, or restored; undo refuses to write a ledger it never saw.`;
  }
  if (!current.exists) {
    return `There is no ledger ${ledger} in "${info.database}" now; undo restores rows into that table and will not create it — check --url, or whether the table was dropped or renamed since the repair.`;
  }
  if (already) return null;
  if (journal.outcome.status === 'rolled-back') {
    return `Nothing to undo: that repair (${journal.plan.strategy}, ${journal.startedAt}) was rolled back, so it never changed the ledger.`;
  }
  if (force) return null;
  if (journal.outcome.status === 'in-progress') {
    return `This journal was never finished (the process stopped during the ${journal.plan.strategy} apply at ${journal.startedAt}), so whether the repair committed is not recorded. Run drift-doctor check; if it did commit, pass --force to restore the rows from before it.`;
  }
  if (journal.outcome.status === 'unknown') {
    return `The journal could not tell whether the repair committed (${journal.outcome.error ?? 'the ledger could not be read afterwards'}). Run drift-doctor check; if it did commit, pass --force to restore the rows from before it.`;
  }
  if (changedSince.length) {
    return `The ledger changed after this repair (${changedSince.join('; ')}); undo would discard those changes too. Run drift-doctor check; pass --force if you mean to.`;
  }
  return null;
}

function restoreSteps(journal: Journal, before: ExactLedger, current: ExactLedger): UndoStep[] {
  const w = journal.where;
  const table = qualified(w.ledgerSchema, w.ledgerTable);
  // The journal is a file on disk: its values become SQL text only once proven to be what they claim.
  const badRow = before.rows.find((r) => !Number.isSafeInteger(r.id) || typeof r.name !== 'string' || (r.executedAt !== null && typeof r.executedAt !== 'string'));
  const badSeq = before.sequence && (!/^-?\d+$/.test(before.sequence.lastValue) || typeof before.sequence.isCalled !== 'boolean');
  if (badRow || badSeq) throw new DriftDoctorError(`the journal's ledger rows are malformed (${badRow ? `row ${JSON.stringify(badRow)}` : 'sequence state'}); it was edited or damaged`, 'use the journal exactly as repair wrote it');
  const steps: UndoStep[] = [
    { sql: `lock table ${table} in exclusive mode;`, reason: 'no one else writes the ledger until this transaction ends (reads continue)' },
    { sql: `delete from ${table};`, reason: `remove the ${current.rows.length} row${current.rows.length === 1 ? '' : 's'} the ledger holds now (ledger rows only)` },
  ];
  for (const r of before.rows) {
    steps.push({
      sql: `insert into ${table} ("id", "name", "executed_at") values (${r.id}, ${quoteLiteral(r.name)}, ${r.executedAt === null ? 'null' : quoteLiteral(r.executedAt)});`,
      reason: `row ${r.id} as it was before the repair`,
    });
  }
  const seq = current.sequence;
  if (seq) {
    const was = before.sequence;
    steps.push(was
      ? { sql: `select setval(${quoteLiteral(seq.name)}, ${was.lastValue}, ${was.isCalled});`, reason: `the id sequence as it was before the repair (${was.isCalled ? `next id ${BigInt(was.lastValue) + 1n}` : `next id ${was.lastValue}`})` }
      : { sql: `select setval(${quoteLiteral(seq.name)}, 1, false);`, reason: 'the ledger did not exist before the repair: its id sequence starts again at 1' });
  }
  return steps;
}

/** Pure: from the journal and what the database holds now, the undo to run (or the reason not to). */
export function planUndo(journal: Journal, now: { info: ConnectionInfo; identity: DatabaseIdentity; current: ExactLedger; force: boolean }): UndoPlan {
  const after = journal.ledger.after;
  const changedSince = after ? rowDifference(now.current.rows, after.rows) : ['the journal has no record of the ledger after the repair'];
  const leftInPlace = createdObjects(journal);
  // Restored in id order, whatever order the file lists them in.
  const restore = { ...journal.ledger.before, rows: [...journal.ledger.before.rows].sort((a, b) => a.id - b.id) };
  const already = now.current.exists && sameRows(now.current.rows, restore.rows);
  const refusal = refusalOf(journal, now.info, now.identity, now.current, changedSince, now.force, already);
  return {
    journalId: journal.id,
    database: now.info.database,
    ledger: `${journal.where.ledgerSchema}.${journal.where.ledgerTable}`,
    refusal,
    restore,
    current: now.current,
    steps: refusal || already ? [] : restoreSteps(journal, restore, now.current),
    leftInPlace,
    changedSince,
    alreadyRestored: already && !refusal,
  };
}

/** Reads the ledger under the journal's TimeZone/DateStyle, so `executed_at::text` compares byte for byte. */
async function readUnder(client: pg.Client, journal: Journal, settings: SessionSettings): Promise<ExactLedger> {
  await client.query(`select set_config('TimeZone', $1, true), set_config('DateStyle', $2, true)`, [settings.timeZone, settings.dateStyle]);
  return readExactLedger(client, journal.where.ledgerSchema, journal.where.ledgerTable);
}

export type RunUndoOptions = RepairLimits;

/**
 * One transaction, as a repair: timeouts, the repair's advisory lock, the
 * steps, then the ledger is read back and must equal the journal's rows
 * before the repair, or everything is rolled back.
 */
export async function runUndo(client: pg.Client, journal: Journal, plan: UndoPlan, opts: RunUndoOptions): Promise<UndoResult> {
  const started = Date.now();
  const failed = (error: string): UndoResult => ({ ok: false, error, durationMs: Date.now() - started });
  try {
    await client.query('begin');
    await setTimeouts(client, opts, 'local');
    const got = await client.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as ok', [opts.lockKey]);
    if (!got.rows[0]?.ok) throw new DriftDoctorError('another drift-doctor repair or undo holds the lock on this ledger', 'wait for it to finish, then run undo again', 3);
    await client.query(`select set_config('TimeZone', $1, true), set_config('DateStyle', $2, true)`, [journal.session.timeZone, journal.session.dateStyle]);
    for (const step of plan.steps) await client.query(step.sql);
    const back = await readUnder(client, journal, journal.session);
    const want = plan.restore;
    const seqOk = !back.sequence || !want.sequence || (back.sequence.lastValue === want.sequence.lastValue && back.sequence.isCalled === want.sequence.isCalled);
    if (!sameRows(back.rows, want.rows) || !seqOk) {
      await client.query('rollback');
      return failed(`the ledger read back does not equal the journal's rows before the repair (${rowDifference(back.rows, want.rows).join('; ') || 'the id sequence differs'}), so the undo was rolled back; nothing changed`);
    }
    await client.query('commit');
    return { ok: true, error: null, durationMs: Date.now() - started };
  } catch (e) {
    await client.query('rollback').catch(() => {});
    const err = describePgError(e, opts.mask);
    if (err.exitCode === 3) throw err;
    return failed(`${err.message}. The undo was rolled back; nothing changed. ${err.hint}`);
  }
}

export interface UndoOutcome {
  plan: UndoPlan;
  /** Null for a dry run or a refusal. */
  result: UndoResult | null;
}

/** Checks the journal against this connection, plans, and (unless dry) runs the undo. */
export async function undoFromJournal(client: pg.Client, info: ConnectionInfo, journal: Journal, opts: RunUndoOptions & { dryRun: boolean; force: boolean }): Promise<UndoOutcome> {
  let identity: DatabaseIdentity;
  let current: ExactLedger;
  try {
    identity = await readIdentity(client);
    await client.query('begin transaction read only');
    current = await readUnder(client, journal, journal.session);
  } catch (e) {
    throw describePgError(e, opts.mask);
  } finally {
    await client.query('rollback').catch(() => {});
  }
  const plan = planUndo(journal, { info, identity, current, force: opts.force });
  if (plan.refusal || plan.alreadyRestored || opts.dryRun) return { plan, result: null };
  return { plan, result: await runUndo(client, journal, plan, opts) };
}
