/**
 * The incident report's words, one typed dictionary per language: a key
 * missing from `en` or `ru` is a type error. Values that depend on the
 * engine's data are functions of that data; identifiers, SQL and commands
 * are passed in and never translated.
 */
import type { CauseId, DriftCounts, Evidence, ObjectKind, PlanStep, Strategy, VerifyCheck } from '../core/types.js';
import { en } from './i18n-en.js';
import { ru } from './i18n-ru.js';

export type ReportLang = 'en' | 'ru';

/** Evidence kinds the collectors emit (`src/core/diagnosis/collectors.ts`, `docs/diagnosis.md`). */
export type EvidenceKind =
  | 'ledger-name-mismatch' | 'ledger-row-without-file' | 'table-with-orphan-row' | 'ledger-elsewhere' | 'tables-elsewhere'
  | 'no-ledger' | 'batch-made-nothing' | 'batch-made-little' | 'batch-made-objects' | 'one-transaction-many-instants'
  | 'non-transactional-in-batch' | 'several-runs' | 'executed-before-database' | 'executed-after-database'
  | 'database-age-unknown' | 'executed-at-out-of-order' | 'executed-at-future' | 'executed-at-spread' | 'duplicate-rows'
  | 'leftover-enum' | 'leftover-sequence' | 'no-leftovers' | 'statement-partial' | 'replay-fails' | 'replay-succeeds'
  | 'invalid-index' | 'pending-but-present' | 'definition-differs' | 'table-without-migration' | 'ledger-frozen';

/** Recommendations the report can make; which ones depends on the causes and the repair. */
export type RecommendationId =
  | 'never-stamp' | 'no-manual-drops' | 'transactional-migrations' | 'restore-with-schema' | 'no-hand-made-objects'
  | 'stable-names' | 'one-ledger-location' | 'deploy-matching-revision' | 'schema-via-migrations' | 'investigate'
  | 'needs-human' | 'drift-left' | 'create-all-by-hand' | 'migrate-before-start' | 'ci-check' | 'log-ddl';

/** What a recommendation may name, all read from the engine's values. */
export interface RecommendationFacts {
  /** `npx drift-doctor check` with the flags this database needs. */
  checkCommand: string;
  /** Tables (or other objects) the diagnosis says were made by hand. */
  handMade: string[];
  /** Migrations whose `isTransactional()` is false. */
  nonTransactional: string[];
  invalidIndexes: string[];
  /** Ledger rows with no file in this checkout. */
  ledgerWithoutFile: string[];
  /** `schema.table` of the ledger drift-doctor looked at. */
  ledger: string;
}

/** How far a report's run went. */
export type RunKind = 'check' | 'dry-run' | 'rehearsal' | 'applied' | 'refused' | 'stopped';

/** What happened to the plan's SQL, in one line. */
export type SqlStatus =
  | { kind: 'planned' }
  | { kind: 'stopped' }
  | { kind: 'rehearsed'; ok: boolean; stepsRun: number; duration: string; afterCommit: number }
  | { kind: 'committed'; stepsRun: number; duration: string; afterCommit: number }
  | { kind: 'rolled-back'; failedAt: number | null; total: number }
  | { kind: 'phase-failed'; failedAt: number | null };

export type StepState = 'planned' | 'ran' | 'failed' | 'not-run';

export interface ReportStrings {
  title(database: string): string;
  field: {
    database: string; server: string; role: string; schema: string; ledger: string;
    started: string; finished: string; run: string; tool: string;
  };
  ledgerAbsent: string;
  duration(text: string): string;
  seconds(ms: number): string;
  runKind(kind: RunKind, strategy: Strategy | null): string;
  summaryLabel: string;
  /** The run's outcome in one sentence; `verified` is null when nothing was verified. */
  outcome(kind: RunKind, strategy: Strategy | null, verified: boolean | null): string;

  heading: {
    problem: string; causes: string; decision: string; sql: string; verification: string; recommendations: string;
    perMigration: string; counts: string; extra: string; afterCommit: string; needsHuman: string; conflicts: string;
    notes: string; gaps: string; checks: string;
  };

  // ─── Problem ───
  inSync: string;
  ledgerSays(ledger: string, recorded: number, files: number): string;
  driftSummary(counts: DriftCounts): string;
  noLedger(ledger: string): string;
  missingTables(count: number): string;
  /** How many of the migrations' tables exist; `names` are listed when given. */
  tablesExist(present: number, total: number, names: string[] | null): string;
  countLabel: Record<keyof DriftCounts, string>;
  countColumn: { what: string; value: string; before: string; after: string };
  checkColumn: { check: string; result: string };
  migrationColumns: { name: string; recorded: string; present: string; missing: string; whatIsMissing: string };
  yes: string;
  no: string;
  presence: Record<'all' | 'partial' | 'none' | 'empty', string>;
  noFile: string;
  nonTransactional: string;
  differs(n: number): string;
  andMore(n: number): string;
  objectKind: Record<ObjectKind, string>;
  /**
   * One line of the engine's model comparison (`agents: missing column model_id; extra column model_name`),
   * in this language; `code` marks names up as code.
   */
  modelDifference: (line: string, code: (s: string) => string) => string;
  /** Before an object whose change (not the object) is missing: `change to`. */
  alteredObject: string;
  extraIntro: string;
  invalidIndexes: string;
  modelDifferences: string;
  objectDifferences: string;

  // ─── Causes ───
  causesIntro: string;
  nothingToExplain: string;
  causeTitle: Record<CauseId, string>;
  /** The cause in one sentence: `en` keeps the engine's own, `ru` translates by id. */
  causeSummary(id: CauseId, engineSummary: string): string;
  noEvidence: string;
  /** The evidence in this language's words; `null` when the engine's sentence is already in it. */
  evidenceText(e: Evidence): string | null;
  verbatim: string;
  objects: string;
  weight: string;
  verdict(title: string, id: CauseId, percent: number): string;
  verdictInSync: string;
  verdictUnknown(closest: string[]): string;
  refused: string;
  repairMeans: string;
  /** What the verdict means for the repair: `en` keeps the engine's hint, `ru` says it by verdict. */
  repairHint(verdict: CauseId, engineHint: string, partlyPresent: string[]): string;

  // ─── Decision ───
  strategyTitle: Record<Strategy, string>;
  checkOnly: string;
  nothingToRepair: string;
  recommendedNext(strategy: Strategy, command: string): string;
  noRecommendation(why: 'refused' | 'unknown' | 'none'): string;
  chosen(title: string, strategy: Strategy): string;
  chosenRecommended: string;
  chosenOther(recommended: Strategy): string;
  chosenWithoutRecommendation: string;
  planRefused: string;
  consequence(parts: { schema: number; migrationStatements: number; migrations: number; recorded: number; unrecorded: number; renamed: number; afterCommit: number }): string;
  runError: string;

  // ─── SQL ───
  noSql: string;
  sqlStatus(status: SqlStatus): string;
  stepComment(step: PlanStep): string;
  stepState: Record<Exclude<StepState, 'planned' | 'ran'>, string>;
  setupComment: string;
  verifyComment: string;
  /** `recordsAfter`: a migration is recorded only once its after-COMMIT step ran. */
  afterCommitIntro(n: number, recordsAfter: boolean): string;
  afterCommitVerify: string;
  notRehearsed: string;
  /** The plan was rehearsed (and rolled back) before the real apply. */
  rehearsedFirst(ok: boolean, error: string | null): string;
  reconciled: string;
  journal(path: string): string;
  undo(command: string): string;

  // ─── Verification ───
  notVerifiedCheck: string;
  notVerifiedDryRun: string;
  notVerifiedRefused: string;
  notVerifiedFailed: string;
  rehearsalVerification: string;
  verifiedInSync: string;
  verifiedInSyncRehearsal: string;
  verifiedNotInSync: string;
  checkLabel: Record<VerifyCheck['id'], string>;

  // ─── Recommendations ───
  recommendation: Record<RecommendationId, (facts: RecommendationFacts) => string>;
}

/** Every language the report is written in; adding one means writing all of `ReportStrings`. */
export const STRINGS: Record<ReportLang, ReportStrings> = { en, ru };
