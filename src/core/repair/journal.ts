import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { qualified, type Queryable } from '../db.js';
import { describePgError, DriftDoctorError, NothingRanError } from '../errors.js';
import { makeDirectories } from '../make-dirs.js';
import type { ApplyProgress, ApplyResult, ConnectionInfo, DriftCounts, PlanStep, RepairPlan, StepTiming, VerifyResult } from '../types.js';

export const JOURNAL_FORMAT = 'drift-doctor-journal/1';
/** Relative to the working directory; `.drift-doctor/` is gitignored. */
export const DEFAULT_JOURNAL_DIR = path.join('.drift-doctor', 'journals');

/** A ledger row exactly as Postgres prints it (`executed_at::text`), so undo can restore it to the byte. */
export interface ExactLedgerRow {
  id: number;
  name: string;
  executedAt: string | null;
}

export interface SequenceState {
  /** As `pg_get_serial_sequence` names it, e.g. `public.mikro_orm_migrations_id_seq`. */
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface ExactLedger {
  exists: boolean;
  rows: ExactLedgerRow[];
  /** The sequence behind `id`; null when there is no ledger (or no serial id). */
  sequence: SequenceState | null;
}

/** One statement the apply sent, in order (verification's catalog reads are summarised by one line). */
export interface RecordedStatement {
  sql: string;
  params?: unknown[];
  durationMs: number;
  ok: boolean;
  error?: string;
}

/** Settings that decide how `executed_at::text` reads; undo reads back under the same ones. */
export interface SessionSettings {
  timeZone: string;
  dateStyle: string;
}

export interface DatabaseIdentity {
  /** `pg_database.oid` of the database: a dropped and recreated database gets a new one. */
  databaseOid: string | null;
  /** `pg_control_system().system_identifier`, when the role may read it: tells clusters apart. */
  systemIdentifier: string | null;
}

export type JournalStatus = 'in-progress' | 'committed' | 'rolled-back' | 'unknown';

/** Everything one real apply did; written before it starts and again when it ends. */
export interface Journal {
  format: typeof JOURNAL_FORMAT;
  id: string;
  tool: { name: 'drift-doctor'; version: string };
  startedAt: string;
  finishedAt: string | null;
  who: { osUser: string; host: string; pid: number };
  where: Omit<ConnectionInfo, 'ledgerTable'> & DatabaseIdentity & { ledgerSchema: string; ledgerTable: string };
  session: SessionSettings;
  plan: RepairPlan;
  /** The SQL actually sent, in order. */
  sql: RecordedStatement[];
  /** Verification's catalog reads are not in `sql`; it runs on the same transaction before COMMIT/ROLLBACK. */
  sqlNote: string;
  drift: { before: DriftCounts; after: DriftCounts | null };
  verify: VerifyResult | null;
  ledger: { before: ExactLedger; after: ExactLedger | null };
  outcome: {
    /**
     * `committed`: the transaction committed (`error` may still say that a
     * phase after COMMIT or the final verification failed); `unknown`: COMMIT
     * was sent and the server could not be asked afterwards.
     */
    status: JournalStatus;
    error: string | null;
    failedStep: PlanStep | null;
    stepsRun: number;
    durationMs: number | null;
  };
}

// ─── Reading what undo needs, exactly ────────────────────────────────────────

/** Ledger rows with `executed_at::text` and the id sequence's state; no transaction of its own. */
export async function readExactLedger(db: Queryable, schema: string, table: string): Promise<ExactLedger> {
  const found = await db.query<{ n: number }>(
    `select 1 as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = $2 and c.relkind in ('r', 'p')`,
    [schema, table],
  );
  if (!found.rows.length) return { exists: false, rows: [], sequence: null };
  // Not aliased `id`: ORDER BY would then sort the text.
  const rows = (await db.query<{ id_text: string; name: string; executed_at: string | null }>(
    `select id::text as id_text, name, executed_at::text as executed_at from ${qualified(schema, table)} order by id`,
  )).rows.map((r) => ({ id: Number(r.id_text), name: r.name, executedAt: r.executed_at }));
  const seq = (await db.query<{ seq: string | null }>(`select pg_get_serial_sequence($1, 'id') as seq`, [qualified(schema, table)])).rows[0]?.seq ?? null;
  if (!seq) return { exists: true, rows, sequence: null };
  // The name comes back quoted where needed, so it is valid SQL as it is.
  const state = (await db.query<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${seq}`)).rows[0];
  return { exists: true, rows, sequence: state ? { name: seq, lastValue: state.last_value, isCalled: state.is_called } : null };
}

export async function readSessionSettings(db: Queryable): Promise<SessionSettings> {
  const r = (await db.query<SessionSettings>(`select current_setting('TimeZone') as "timeZone", current_setting('DateStyle') as "dateStyle"`)).rows[0];
  return r ?? { timeZone: 'UTC', dateStyle: 'ISO, MDY' };
}

/** Outside any transaction: a refused privilege only leaves a field null. */
export async function readIdentity(db: Queryable): Promise<DatabaseIdentity> {
  const oid = await db.query<{ oid: string }>(`select oid::text as oid from pg_database where datname = current_database()`).then((r) => r.rows[0]?.oid ?? null, () => null);
  const sys = await db.query<{ id: string }>(`select system_identifier::text as id from pg_control_system()`).then((r) => r.rows[0]?.id ?? null, () => null);
  return { databaseOid: oid, systemIdentifier: sys };
}

// ─── Writing and reading journal files ──────────────────────────────────────

let cachedVersion: string | undefined;
export function toolVersion(): string {
  if (cachedVersion) return cachedVersion;
  try {
    cachedVersion = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    cachedVersion = 'unknown';
  }
  return cachedVersion;
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  }
}

/** Write to a temporary file, fsync, rename: a reader never sees half a journal. Mode 0600. */
export function writeJournalFile(file: string, journal: Journal): void {
  const tmp = `${file}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(journal, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export function readJournalFile(file: string): Journal {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DriftDoctorError(`cannot read the journal ${file}: ${(e as Error).message}`, 'pass the path that `repair --yes` printed after "journal:"');
  }
  const j = parsed as Partial<Journal>;
  if (j.format !== JOURNAL_FORMAT || !j.where || !j.ledger?.before || !j.plan || !j.outcome || !j.session) {
    throw new DriftDoctorError(`${file} is not a drift-doctor journal (${JOURNAL_FORMAT})`, 'pass the path that `repair --yes` printed after "journal:"');
  }
  return j as Journal;
}

function journalFileName(startedAt: string, database: string, strategy: string): string {
  const stamp = startedAt.replace(/[:.]/g, '-');
  const db = database.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
  return `${stamp}-${db}-${strategy}-${randomBytes(2).toString('hex')}.json`;
}

// ─── Recording an apply ──────────────────────────────────────────────────────

/**
 * The same client, with every `query` it is asked to run recorded (masked
 * errors, timings). Only the apply's own statements pass through it:
 * verification uses the bare client.
 */
function recordingClient(client: pg.Client, mask: (s: string) => string): { client: pg.Client; statements: RecordedStatement[] } {
  const statements: RecordedStatement[] = [];
  const query = async (text: unknown, params?: unknown) => {
    const sql = typeof text === 'string' ? text : String((text as { text?: string })?.text ?? text);
    const entry: RecordedStatement = { sql, ...(Array.isArray(params) && params.length ? { params } : {}), durationMs: 0, ok: true };
    statements.push(entry);
    const t0 = performance.now();
    try {
      return await (client.query as (t: unknown, p?: unknown) => Promise<unknown>).call(client, text, params);
    } catch (e) {
      entry.ok = false;
      entry.error = mask(String((e as Error)?.message ?? e));
      throw e;
    } finally {
      entry.durationMs = Math.round(performance.now() - t0);
    }
  };
  const proxy = new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') return query;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { client: proxy, statements };
}

/** Wraps onProgress to time each step; `index` is the step's place in `plan.steps`. */
function stepTimer(plan: RepairPlan, onProgress?: (p: ApplyProgress) => void) {
  const timings: StepTiming[] = [];
  let started = 0;
  const wrapped = (p: ApplyProgress) => {
    if (p.state === 'running') started = performance.now();
    else timings.push({ index: plan.steps.indexOf(p.step), durationMs: Math.round(performance.now() - started), ok: p.state === 'done' });
    onProgress?.(p);
  };
  return { timings, onProgress: wrapped };
}

export interface RecordApplyOptions {
  /** A rehearsal: everything is rolled back at the end. */
  rehearse?: boolean;
  /** Said to the operator when no journal is written for a real apply. */
  noJournalReason?: string;
  client: pg.Client;
  plan: RepairPlan;
  info: ConnectionInfo;
  ledgerSchema: string;
  ledgerTable: string;
  /** Drift counts at detection, before anything runs. */
  before: DriftCounts;
  mask: (s: string) => string;
  /** Where journals go; null for a rehearsal (nothing is kept, nothing to journal). */
  journalDir: string | null;
  onProgress?: (p: ApplyProgress) => void;
  /** Runs the plan on the given client (applyPlan), reporting progress to the given callback. */
  run: (client: pg.Client, onProgress: (p: ApplyProgress) => void) => Promise<ApplyResult>;
}

/**
 * Whether the transaction committed, from what was sent: only a COMMIT the
 * server acknowledged counts. Without COMMIT the server discards the
 * transaction even when the connection died; a COMMIT without an answer is
 * `unknown` unless the server still answers afterwards (it then refused it).
 */
export function outcomeOf(sent: RecordedStatement[], serverAnswersAfter: boolean): JournalStatus {
  const commit = sent.find((s) => /^\s*commit\s*;?\s*$/i.test(s.sql));
  if (!commit) return 'rolled-back';
  if (commit.ok) return 'committed';
  return serverAnswersAfter ? 'rolled-back' : 'unknown';
}

/** Sequences are not transactional: say so when a rehearsal moved the ledger's. */
function sequenceNotes(before: SequenceState | null | undefined, after: SequenceState | null | undefined): string[] {
  if (!before || !after || (before.lastValue === after.lastValue && before.isCalled === after.isCalled)) return [];
  return [`the ledger's id sequence ${after.name} moved from ${before.lastValue} to ${after.lastValue}: PostgreSQL never rolls back nextval(), so the next ledger ids skip these numbers (harmless; ids need not be contiguous)`];
}

/**
 * Runs an apply and keeps its record: per-step timings always; for a real
 * apply a journal (written before anything runs — so an unwritable directory
 * stops the repair before it starts — and again at the end, whatever the
 * outcome). A rehearsal notes what ROLLBACK cannot undo.
 */
export async function recordApply(opts: RecordApplyOptions): Promise<ApplyResult> {
  const timer = stepTimer(opts.plan, opts.onProgress);
  const schema = opts.ledgerSchema;
  const table = opts.ledgerTable;
  if (opts.journalDir === null) {
    const seqBefore = await readExactLedger(opts.client, schema, table).then((l) => l.sequence, () => null);
    const result = await opts.run(opts.client, timer.onProgress);
    const seqAfter = await readExactLedger(opts.client, schema, table).then((l) => l.sequence, () => null);
    // Only a rolled-back run leaves a gap worth a note; a commit uses the ids it drew.
    const notes = opts.rehearse ? sequenceNotes(seqBefore, seqAfter) : [];
    if (opts.noJournalReason) notes.push(opts.noJournalReason);
    return { ...result, stepTimings: timer.timings, ...(notes.length ? { notes } : {}) };
  }

  const startedAt = new Date().toISOString();
  let journal: Journal;
  try {
    const { ledgerTable: _shown, ...where } = opts.info;
    journal = {
      format: JOURNAL_FORMAT,
      id: randomBytes(8).toString('hex'),
      tool: { name: 'drift-doctor', version: toolVersion() },
      startedAt,
      finishedAt: null,
      who: { osUser: osUser(), host: os.hostname(), pid: process.pid },
      where: { ...where, maskedUrl: opts.mask(where.maskedUrl), ...(await readIdentity(opts.client)), ledgerSchema: schema, ledgerTable: table },
      session: await readSessionSettings(opts.client),
      plan: opts.plan,
      sql: [],
      sqlNote: 'verification runs between the last step and COMMIT (or ROLLBACK), on the same transaction, as catalog reads not listed here',
      drift: { before: opts.before, after: null },
      verify: null,
      ledger: { before: await readExactLedger(opts.client, schema, table), after: null },
      outcome: { status: 'in-progress', error: null, failedStep: null, stepsRun: 0, durationMs: null },
    };
  } catch (e) {
    throw describePgError(e, opts.mask);
  }
  const dir = path.resolve(opts.journalDir);
  const file = path.join(dir, journalFileName(startedAt, opts.info.database, opts.plan.strategy));
  try {
    makeDirectories(dir, 0o700);
    writeJournalFile(file, journal);
  } catch (e) {
    throw new NothingRanError(`cannot write the journal in ${dir}: ${(e as Error).message}. Nothing was changed.`, 'pass --journal DIR with a directory you may write to');
  }

  const recorder = recordingClient(opts.client, opts.mask);
  const finish = async (result: ApplyResult | null, thrown: DriftDoctorError | null) => {
    const after = await readExactLedger(opts.client, schema, table).catch(() => null);
    journal.finishedAt = new Date().toISOString();
    journal.sql = recorder.statements;
    journal.verify = result?.verify ?? null;
    journal.drift.after = result?.verify?.after ?? null;
    journal.ledger.after = after;
    journal.outcome = {
      status: outcomeOf(recorder.statements, after !== null),
      error: result ? result.error : opts.mask(`${thrown?.message ?? 'unknown error'} ${thrown?.hint ?? ''}`.trim()),
      failedStep: result?.failedStep ?? null,
      stepsRun: result?.stepsRun ?? 0,
      durationMs: result?.durationMs ?? null,
    };
    writeJournalFile(file, journal);
  };
  let result: ApplyResult;
  try {
    result = await opts.run(recorder.client, timer.onProgress);
  } catch (e) {
    const err = describePgError(e, opts.mask);
    await finish(null, err).catch(() => {});
    throw new DriftDoctorError(`${err.message}\njournal: ${file}`, err.hint, err.exitCode);
  }
  // The apply has already committed or rolled back: a journal that cannot be finished is reported, not thrown.
  const unfinished = await finish(result, null).then(() => null, (e: Error) => `the journal ${file} could not be completed (${e.message}); it still holds the plan and the ledger rows from before`);
  return { ...result, stepTimings: timer.timings, journalPath: file, ...(unfinished ? { notes: [unfinished] } : {}) };
}
