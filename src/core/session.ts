import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { openConnection } from './connect/connection.js';
import { maskSecrets, resolveConnection, type ConnectionSettings } from './connect/url.js';
import { inSavepoint, qualified, type Queryable } from './db.js';
import { readDatabaseCreatedAt, readUnownedSequences, type LiveFacts } from './diagnosis/facts.js';
import { diagnose } from './diagnosis/diagnose.js';
import { halfRuns } from './diagnosis/half-runs.js';
import { probeHalfRuns } from './diagnosis/probe.js';
import { computeDrift } from './drift/drift.js';
import type { DetectOutcome, DetectProgress, Engine } from './engine.js';
import { describePgError, DriftDoctorError, NothingRanError } from './errors.js';
import { findLedgerLikeTables, readLedger } from './ledger/ledger.js';
import { openOrm, SAMPLE_ENTITIES_DIR } from './orm.js';
import { applyPlan } from './repair/apply.js';
import { DEFAULT_JOURNAL_DIR, recordApply, type Journal } from './repair/journal.js';
import { repairLockKey, undoFromJournal, type UndoOutcome } from './repair/undo.js';
import type { PlanContext } from './repair/context.js';
import { deferredOf, runPhases, type Deferred } from './repair/phases.js';
import { buildPlan } from './repair/plan.js';
import { privilegeGaps } from './repair/preflight.js';
import { listMigrationFiles, loadMigration } from './replay/files.js';
import { historyKey, readHistory, writeHistory, type History } from './replay/cache.js';
import { modelSnapshot, replayMigrations } from './replay/replay.js';
import { openScratch, type ScratchDatabase } from './replay/scratch.js';
import { takeSnapshot } from './snapshot/snapshot.js';
import type { ApplyProgress, ApplyResult, ConnectionInfo, DriftReport, LedgerState, RepairPlan, SchemaSnapshot, Strategy, VerifyResult } from './types.js';
import { verifyAfter } from './verify/verify.js';

export interface EngineOptions {
  /** `--url`; else DATABASE_URL, else PG* variables. */
  url?: string;
  env?: NodeJS.ProcessEnv;
  schema?: string;
  ledgerTable?: string;
  /** Schema of the ledger when it is not the application schema. */
  ledgerSchema?: string;
  migrationsDir?: string;
  entitiesDir?: string;
  lockTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Target is the embedded PGlite: one shared session, no read-only ORM option. */
  embedded?: boolean;
  /** Where every real apply writes its journal (default `./.drift-doctor/journals`). */
  journalDir?: string;
  /**
   * Replay the missing part of each half-run migration on a copy of the live
   * schema, as diagnosis evidence (default true). It costs seconds per such
   * migration and never changes a plan (refusals do not depend on it).
   */
  probeHalfRuns?: boolean;
}

/** What the engine keeps per detection, beyond the plain outcome. */
interface Internals {
  live: SchemaSnapshot;
  tablesWithRows: Set<string>;
  modelStatements: string[];
}

interface LiveRead {
  ledger: LedgerState;
  live: SchemaSnapshot;
  facts: LiveFacts;
  tablesWithRows: Set<string>;
}

/** The engine over a real PostgreSQL (or the embedded one). */
export class DriftEngine implements Engine {
  private readonly settings: ConnectionSettings;
  private readonly schema: string;
  private readonly ledgerTable: string;
  private readonly ledgerSchema: string;
  private client?: pg.Client;
  private info?: ConnectionInfo;
  private orm?: MikroORM;
  private history?: History;
  private readonly internals = new WeakMap<DetectOutcome, Internals>();
  private lastOutcome?: DetectOutcome;
  private scratch?: Promise<ScratchDatabase>;

  constructor(private readonly options: EngineOptions = {}) {
    this.settings = resolveConnection(options.url, options.env ?? process.env);
    this.schema = options.schema ?? 'public';
    this.ledgerTable = options.ledgerTable ?? 'mikro_orm_migrations';
    this.ledgerSchema = options.ledgerSchema ?? this.schema;
  }

  private mask = (s: string) => maskSecrets(s, this.settings.password);

  /** Where this engine will connect, password masked: for a front end to say before connecting. */
  get target(): string {
    return this.settings.maskedUrl;
  }

  async connect(): Promise<ConnectionInfo> {
    if (this.info) return this.info;
    const opened = await openConnection(this.settings, { schema: this.schema, ledgerTable: this.ledgerSchema === this.schema ? this.ledgerTable : `${this.ledgerSchema}.${this.ledgerTable}` });
    this.client = opened.client;
    this.info = opened.info;
    return this.info;
  }

  private async ensureOrm(): Promise<MikroORM> {
    this.orm ??= await openOrm({
      url: this.settings.url,
      schema: this.schema,
      ledgerTable: this.ledgerTable,
      ledgerSchema: this.ledgerSchema,
      ...(this.options.migrationsDir ? { migrationsDir: this.options.migrationsDir } : {}),
      ...(this.options.entitiesDir ? { entitiesDir: this.options.entitiesDir } : {}),
      singleConnection: this.options.embedded === true,
      readOnly: this.options.embedded !== true,
    }).catch((e: Error) => {
      throw new DriftDoctorError(`cannot load the entity models: ${this.mask(e.message)}`, 'check --entities DIR (a folder with index.ts exporting the entities)');
    });
    return this.orm;
  }

  /**
   * Replays the migration files into the scratch database. The result is a
   * pure function of the files, so it is cached by their content hash.
   */
  private async loadHistory(onProgress?: (p: DetectProgress) => void): Promise<History> {
    if (this.history) return this.history;
    const orm = await this.ensureOrm();
    const migrationsDir = orm.config.get('migrations').path ?? '';
    const files = listMigrationFiles(migrationsDir);
    if (!files.length) {
      throw new DriftDoctorError(`no migration files (.ts or .js) in ${migrationsDir}`, 'pass the folder that holds the project\'s migrations with --migrations DIR');
    }
    const key = historyKey(files.map((f) => f.path), this.options.entitiesDir ?? SAMPLE_ENTITIES_DIR, this.schema);
    const cached = readHistory(key);
    if (cached) {
      onProgress?.({ phase: 'replay', message: `migration footprints from cache (${cached.files.length} files unchanged)` });
      this.history = cached;
      return cached;
    }
    onProgress?.({ phase: 'files', message: `reading ${files.length} migration files` });
    const loaded = [];
    for (const f of files) loaded.push(await loadMigration(orm, f));
    onProgress?.({ phase: 'replay', message: 'starting the scratch database (embedded PostgreSQL)' });
    const scratch = await this.scratchDb();
    const replay = await replayMigrations(scratch, loaded, (name, i, n) => onProgress?.({ phase: 'replay', message: `replaying ${name} (${i + 1}/${n})` }), this.schema);
    onProgress?.({ phase: 'models', message: 'building the schema the entity models describe' });
    const models = await modelSnapshot(scratch, await orm.schema.getCreateSchemaSQL({ wrap: false }), this.schema);
    this.history = { ...replay, models, files: files.map((f) => f.name) };
    writeHistory(key, this.history);
    return this.history;
  }

  /** One scratch database per session: starting PGlite costs seconds, so it is started once and only when needed. */
  private scratchDb(): Promise<ScratchDatabase> {
    this.scratch ??= openScratch();
    return this.scratch;
  }

  /** Schemas other than ours that hold the tables the migrations make (a --schema pointed at the wrong place). */
  private async tablesElsewhere(db: Queryable, tables: string[]): Promise<{ schema: string; tables: number }[]> {
    const res = await db.query<{ schema: string; tables: number }>(
      `select n.nspname as schema, count(*)::int as tables from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p') and c.relname = any($1::text[]) and n.nspname <> $2 group by 1 order by 2 desc`,
      [tables, this.schema],
    );
    return res.rows;
  }

  /** A misspelt --schema must not read as "nothing here, in sync". */
  private async requireSchema(db: Queryable): Promise<void> {
    const res = await db.query<{ nspname: string; tables: number }>(
      `select n.nspname, count(c.oid)::int as tables from pg_namespace n left join pg_class c on c.relnamespace = n.oid and c.relkind in ('r', 'p')
       where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg\\_temp\\_%' and n.nspname not like 'pg\\_toast\\_temp\\_%'
       group by n.nspname order by 2 desc, 1`,
    );
    if (res.rows.some((r) => r.nspname === this.schema)) return;
    const others = res.rows.filter((r) => r.tables > 0).map((r) => `${r.nspname} (${r.tables} tables)`).join(', ') || 'none with tables';
    throw new DriftDoctorError(`schema "${this.schema}" does not exist in database ${this.info?.database ?? ''} (names are case-sensitive)`, `pass --schema with one of: ${others}`);
  }

  /** Ledger and schema: all verification needs. */
  private async readState(db: Queryable): Promise<Pick<LiveRead, 'ledger' | 'live'>> {
    await this.requireSchema(db);
    const ledger = await readLedger(db, this.ledgerSchema, this.ledgerTable);
    const live = await takeSnapshot(db, { schema: this.schema, exclude: this.ledgerSchema === this.schema ? [this.ledgerTable] : [] });
    return { ledger, live };
  }

  /** The state plus the forensic facts and which tables hold rows: what detection needs. */
  private async readLive(db: Queryable, expectedTables: string[]): Promise<LiveRead> {
    const { ledger, live } = await this.readState(db);
    const created = await readDatabaseCreatedAt(db);
    const facts: LiveFacts = {
      databaseCreatedAt: created.at,
      databaseCreatedAtGap: created.gap,
      unownedSequences: await readUnownedSequences(db, live),
      ledgerLike: ledger.exists ? [] : await findLedgerLikeTables(db),
      replayProbes: [],
      tablesElsewhere: expectedTables.length ? await this.tablesElsewhere(db, expectedTables) : [],
    };
    const tablesWithRows = new Set<string>();
    for (const t of Object.keys(live.tables)) {
      const has = await inSavepoint(db, async () => (await db.query<{ has: boolean }>(`select exists (select 1 from ${qualified(this.schema, t)}) as has`)).rows[0]?.has ?? false, () => (live.tables[t]?.rowCount ?? 0) > 0);
      if (has) tablesWithRows.add(t);
    }
    return { ledger, live, facts, tablesWithRows };
  }

  /** Reads everything live in one read-only transaction, so detection can never write. */
  private async readLiveReadOnly(expectedTables: string[]): Promise<LiveRead> {
    const client = this.requireClient();
    try {
      await client.query('begin transaction isolation level repeatable read read only');
      await client.query(`set local statement_timeout = ${this.options.statementTimeoutMs ?? 60_000}`);
      return await this.readLive(client, expectedTables);
    } catch (e) {
      throw describePgError(e, this.mask);
    } finally {
      await client.query('rollback').catch(() => {});
    }
  }

  private requireClient(): pg.Client {
    if (!this.client) throw new DriftDoctorError('not connected', 'call connect() first (this is a bug in the front end)');
    return this.client;
  }

  private driftOf(read: Pick<LiveRead, 'ledger' | 'live'>, history: History, modelStatements: string[]): DriftReport {
    return computeDrift({
      connection: this.info!, ledger: read.ledger, files: history.files, footprints: history.footprints,
      expected: history.expected, models: history.models, live: read.live, modelStatements,
    });
  }

  async detect(onProgress?: (p: DetectProgress) => void): Promise<DetectOutcome> {
    await this.connect();
    const history = await this.loadHistory(onProgress);
    onProgress?.({ phase: 'ledger', message: `reading ${this.ledgerSchema}.${this.ledgerTable} and the catalogs (read-only transaction)` });
    const read = await this.readLiveReadOnly(Object.keys(history.expected.tables));
    onProgress?.({ phase: 'models', message: 'comparing the entity models with the live schema (MikroORM)' });
    const orm = await this.ensureOrm();
    const modelSql = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: true, dropTables: false }).catch((e: Error) => {
      const err = describePgError(e, this.mask);
      // MikroORM's own introspection failed (e.g. a table whose name holds a double quote): say whose step it was.
      throw new DriftDoctorError(`MikroORM could not compare the entity models with the live schema: ${err.message.split('\n').at(-1)}`, 'the ledger and migration checks are unaffected; look for tables with unusual names (quotes) in the database, or report this with the message above');
    });
    const modelStatements = modelSql.split('\n').map((s) => s.trim()).filter(Boolean);
    onProgress?.({ phase: 'compare', message: 'comparing ledger, files and schema' });
    const report = this.driftOf(read, history, modelStatements);
    const runs = halfRuns(report, history.footprints);
    if (runs.length && this.options.probeHalfRuns !== false) {
      onProgress?.({ phase: 'diagnose', message: `replaying the missing part of ${runs.map((r) => r.migration).join(', ')} on a copy of the live schema` });
      read.facts.replayProbes = await probeHalfRuns(await this.scratchDb(), read.live, runs);
    }
    onProgress?.({ phase: 'diagnose', message: 'weighing the evidence' });
    const diagnosis = diagnose({ report, footprints: history.footprints, live: read.live, facts: read.facts });
    const outcome: DetectOutcome = { report, diagnosis };
    this.internals.set(outcome, { live: read.live, tablesWithRows: read.tablesWithRows, modelStatements });
    this.lastOutcome = outcome;
    return outcome;
  }

  private contextOf(outcome: DetectOutcome): PlanContext {
    const inner = this.internals.get(outcome);
    if (!inner || !this.history) throw new DriftDoctorError('this detection outcome is not from this session', 'run detect again');
    return { ...outcome, footprints: this.history.footprints, expected: this.history.expected, models: this.history.models, live: inner.live, modelStatements: inner.modelStatements, tablesWithRows: inner.tablesWithRows };
  }

  async plan(strategy: Strategy, outcome: DetectOutcome): Promise<RepairPlan> {
    return buildPlan(strategy, this.contextOf(outcome));
  }

  /** Verification on a given handle: inside the repair transaction, or a fresh read-only one. */
  private async verifyOn(db: Queryable, before: DetectOutcome, deferred?: Deferred): Promise<VerifyResult> {
    // Inside the repair transaction, where locks are held: read only what the checks need.
    const read = await this.readState(db);
    const history = this.history!;
    const after = this.driftOf(read, history, this.internals.get(before)?.modelStatements ?? []);
    return verifyAfter({ before: before.report, after, models: history.models, live: read.live, footprints: history.footprints, ...(deferred ? { deferred } : {}) });
  }

  /** A real apply writes a journal (see repair/journal.ts); a rehearsal rolls back and keeps nothing. */
  async apply(plan: RepairPlan, onProgress?: (p: ApplyProgress) => void, options: { rehearse?: boolean } = {}): Promise<ApplyResult> {
    if (!plan.applicable) throw new DriftDoctorError(`the ${plan.strategy} plan cannot be applied: ${plan.refusal ?? ''}`, 'choose another strategy', 3);
    const client = this.requireClient();
    const before = this.lastOutcome;
    if (!before) throw new DriftDoctorError('nothing detected yet', 'run detect before apply (this is a bug in the front end)');
    const rehearse = options.rehearse === true;
    const gaps = await this.privilegeGaps(plan);
    if (gaps.length) {
      throw new NothingRanError(
        `role ${this.info!.role} may not run this repair: it lacks ${gaps.join('; ')}. Nothing was run.`,
        `connect as the role that owns the schema and runs the migrations (usually the application's owner), or have it GRANT what is listed; drift-doctor check works with read access alone`,
      );
    }
    return recordApply({
      client, plan, info: this.info!, ledgerSchema: this.ledgerSchema, ledgerTable: this.ledgerTable,
      before: before.report.counts, mask: this.mask,
      // No journal for a rehearsal, nor for the embedded database, which is gone when the demo ends.
      journalDir: rehearse || this.options.embedded ? null : (this.options.journalDir ?? DEFAULT_JOURNAL_DIR),
      rehearse,
      ...(this.options.embedded && !rehearse ? { noJournalReason: 'no journal was written: the embedded demo database disappears when the demo ends (on a real database every repair writes one)' } : {}),
      ...(onProgress ? { onProgress } : {}),
      // The recording client sees the apply's statements; verification reads on the bare one.
      run: async (db, progress) => {
        const settings = {
          schema: this.schema,
          lockKey: repairLockKey(this.info!.database, this.ledgerSchema, this.ledgerTable),
          lockTimeoutMs: this.options.lockTimeoutMs ?? 5_000,
          statementTimeoutMs: this.options.statementTimeoutMs ?? 60_000,
          mask: this.mask,
        };
        const deferred = deferredOf(plan);
        const result = await applyPlan(db, plan, { ...settings, onProgress: progress, verifyInside: () => this.verifyOn(client, before, deferred), rehearse });
        const phases = plan.steps.filter((s) => s.outsideTransaction);
        if (!result.ok || rehearse || !phases.length) return result;
        const inTx = plan.steps.length - phases.length;
        const ran = await runPhases(db, phases, { ...settings, onProgress: progress, offset: inTx, total: plan.steps.length });
        // Success is only claimed after re-comparing, now without anything deferred.
        const verify = await this.verify(before);
        const unverified = verify.checks.filter((c) => !c.ok).map((c) => `${c.label}: ${c.detail}`).join('; ');
        return {
          ...result,
          ok: ran.ok && verify.ok,
          error: ran.error ?? (verify.ok ? null : `the transaction committed and the phases ran, but verification still fails — ${unverified}`),
          failedStep: ran.failedStep,
          stepsRun: result.stepsRun + ran.stepsRun,
          verify,
        };
      },
    });
  }

  /** What this role lacks to run `plan` (empty when it may run all of it); read from the catalogs, runs nothing. */
  async privilegeGaps(plan: RepairPlan): Promise<string[]> {
    return privilegeGaps(this.requireClient(), plan, { schema: this.schema, ledgerSchema: this.ledgerSchema, ledgerTable: this.ledgerTable });
  }

  /** Restores the ledger rows a journaled repair found; the objects it created are listed, never dropped. */
  async undo(journal: Journal, options: { dryRun: boolean; force?: boolean }): Promise<UndoOutcome> {
    await this.connect();
    return undoFromJournal(this.requireClient(), this.info!, journal, {
      lockKey: repairLockKey(this.info!.database, journal.where.ledgerSchema, journal.where.ledgerTable),
      lockTimeoutMs: this.options.lockTimeoutMs ?? 5_000,
      statementTimeoutMs: this.options.statementTimeoutMs ?? 60_000,
      mask: this.mask,
      dryRun: options.dryRun,
      force: options.force === true,
    });
  }

  async verify(before: DetectOutcome): Promise<VerifyResult> {
    const client = this.requireClient();
    try {
      await client.query('begin transaction isolation level repeatable read read only');
      return await this.verifyOn(client, before);
    } catch (e) {
      throw describePgError(e, this.mask);
    } finally {
      await client.query('rollback').catch(() => {});
    }
  }

  async close(): Promise<void> {
    const scratch = this.scratch;
    this.scratch = undefined;
    await scratch?.then((db) => db.close()).catch(() => {});
    await this.client?.end().catch(() => {});
    await this.orm?.close(true).catch(() => {});
    this.client = undefined;
    this.orm = undefined;
  }
}
