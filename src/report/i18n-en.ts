import { checkExhaustive, type PlanStep } from '../core/types.js';
import type { ReportStrings, SqlStatus } from './i18n.js';

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
const code = (s: string) => `\`${s}\``;
const codes = (items: string[]) => items.map(code).join(', ');

function sqlStatus(s: SqlStatus): string {
  switch (s.kind) {
    case 'planned':
      return '**Planned, not run** (dry run): nothing below was executed on the database.';
    case 'stopped':
      return '**Not completed**: the run stopped with an error (see Decision). The plan is shown as it was planned; a transaction that does not reach COMMIT keeps nothing.';
    case 'rehearsed':
      return s.ok
        ? `**Rehearsed, then rolled back**: ${n(s.stepsRun, 'statement')} ran inside one transaction in ${s.duration} and verified, then \`ROLLBACK\` — nothing was kept.${s.afterCommit ? ` The ${n(s.afterCommit, 'step')} after COMMIT ${s.afterCommit === 1 ? 'was' : 'were'} not rehearsed.` : ''}`
        : `**Rehearsed, then rolled back — the plan does NOT work on this database**: ${n(s.stepsRun, 'statement')} ran before it stopped; nothing was kept.`;
    case 'committed':
      return `**Run and committed**: ${n(s.stepsRun, 'statement')} in ${s.duration}, in one transaction verified before COMMIT${s.afterCommit ? `, then ${n(s.afterCommit, 'non-transactional step')} after COMMIT` : ''}.`;
    case 'rolled-back':
      return s.failedAt
        ? `**Failed at step ${s.failedAt} of ${s.total} and rolled back**: the steps before it ran inside the transaction and were undone; nothing was kept.`
        : '**Ran, did not verify, rolled back**: every step ran, the verification before COMMIT failed, and nothing was kept.';
    case 'phase-failed':
      return `**The transaction committed, but the after-COMMIT phase stopped**${s.failedAt ? ` at step ${s.failedAt}` : ''}: the committed part stays; each after-COMMIT step is idempotent, so running the same repair again resumes.`;
    default:
      return checkExhaustive(s);
  }
}

function stepComment(step: PlanStep): string {
  switch (step.kind) {
    case 'ddl':
      return step.reason;
    case 'migration-statement':
      return `statement of ${step.migration}`;
    case 'ledger-record':
      return `ledger: record ${step.migration} — ${step.reason}`;
    case 'ledger-unrecord':
      return `ledger: un-record ${step.migration} — ${step.reason}`;
    case 'ledger-rename':
      return `ledger: rename ${step.from} → ${step.migration} — ${step.reason}`;
    default:
      return checkExhaustive(step);
  }
}

export const en: ReportStrings = {
  title: (database) => `Incident report: migration ledger vs. schema — ${database}`,
  field: {
    database: 'Database', server: 'Server', role: 'Role', schema: 'Schema', ledger: 'Ledger table',
    started: 'Started', finished: 'Finished', run: 'Run', tool: 'Tool',
  },
  ledgerAbsent: '(does not exist)',
  duration: (text) => `(took ${text})`,
  seconds: (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`),
  runKind: (kind, strategy) => {
    const s = strategy ? code(strategy) : '';
    switch (kind) {
      case 'check': return 'check (read-only detection and diagnosis; nothing changed)';
      case 'dry-run': return `repair ${s}, dry run (planned, nothing run)`;
      case 'rehearsal': return `repair ${s}, rehearsal (run in a transaction, then rolled back)`;
      case 'applied': return `repair ${s}, applied`;
      case 'refused': return `repair ${s}, refused (nothing run)`;
      case 'stopped': return `repair ${s}, stopped by an error`;
      default: return checkExhaustive(kind);
    }
  },
  summaryLabel: 'Summary.',
  outcome: (kind, strategy, verified) => {
    const s = strategy ? code(strategy) : '';
    switch (kind) {
      case 'check': return 'No repair was made: this was a read-only check.';
      case 'dry-run': return `Repair ${s} was planned (dry run); nothing was run.`;
      case 'refused': return `Repair ${s} was refused; nothing was run.`;
      case 'rehearsal': return verified ? `Repair ${s} was rehearsed and rolled back: the plan works on this database, which is itself unchanged.` : `Repair ${s} was rehearsed and rolled back: the plan does not work on this database as it is.`;
      case 'applied': return verified ? `Repair ${s} was committed and verified: ledger and schema are in sync.` : `Repair ${s} did not end in sync; see Verification.`;
      case 'stopped': return `Repair ${s} stopped with an error before it could finish; see Decision.`;
      default: return checkExhaustive(kind);
    }
  },

  heading: {
    problem: 'Problem', causes: 'Causes considered', decision: 'Decision', sql: 'SQL', verification: 'Verification',
    recommendations: 'Recommendations', perMigration: 'Per migration', counts: 'Counts', extra: 'Objects no migration creates',
    afterCommit: 'After COMMIT', needsHuman: 'Needs a human', conflicts: 'Conflicts foreseen', notes: 'Notes',
    gaps: 'Gaps in the evidence', checks: 'Checks',
  },

  inSync: 'No drift: the ledger, the migration files, the schema and the entity models agree.',
  ledgerSays: (ledger, recorded, files) => `The ledger ${code(ledger)} records ${recorded} of ${n(files, 'migration file')}.`,
  driftSummary: (c) => {
    const parts = [
      c.recordedButMissing ? `${n(c.recordedButMissing, 'recorded migration')} left nothing in the schema` : '',
      c.recordedPartial ? `${n(c.recordedPartial, 'recorded migration')} left only part of ${c.recordedPartial === 1 ? 'its' : 'their'} objects` : '',
      c.pendingButPresent ? `${n(c.pendingButPresent, 'unrecorded migration')} already ${c.pendingButPresent === 1 ? 'has its' : 'have their'} objects` : '',
      c.ledgerWithoutFile ? `${n(c.ledgerWithoutFile, 'ledger row')} ${c.ledgerWithoutFile === 1 ? 'names a migration' : 'name migrations'} with no file here` : '',
    ].filter(Boolean);
    const pending = c.pending ? ` Pending (not recorded): ${n(c.pending, 'migration')}.` : '';
    return parts.length ? `Yet ${parts.join('; ')}.${pending}` : `Every recorded migration's objects exist.${pending}`;
  },
  noLedger: (ledger) => `There is no ledger table ${code(ledger)}.`,
  missingTables: (count) => `Tables the migrations create that do not exist (${count}):`,
  tablesExist: (present, total, names) =>
    present === 0
      ? `None of the ${n(total, 'table')} the migrations create exists.`
      : `Of the ${n(total, 'table')} the migrations create, ${present === total ? 'all' : present} exist${names ? `: ${codes(names)}` : ''}.`,
  countLabel: {
    migrations: 'migration files', recorded: 'recorded in the ledger', recordedButMissing: 'recorded, but none of their objects exist',
    recordedPartial: 'recorded, but only partly present', pendingButPresent: 'not recorded, yet present', pending: 'not recorded (pending)',
    ledgerWithoutFile: 'ledger rows without a migration file',
  },
  countColumn: { what: 'What', value: 'Count', before: 'Before', after: 'After' },
  checkColumn: { check: 'Check', result: 'Result' },
  migrationColumns: { name: 'Migration', recorded: 'Recorded', present: 'Effects present', missing: 'Missing objects', whatIsMissing: 'What is missing' },
  yes: 'yes',
  no: 'no',
  presence: { all: 'all', partial: 'partial', none: 'none', empty: '— (creates no objects)' },
  noFile: 'no file in this checkout',
  nonTransactional: 'non-transactional',
  differs: (count) => `${n(count, 'object')} ${count === 1 ? 'differs' : 'differ'}`,
  andMore: (count) => `and ${count} more`,
  alteredObject: 'change to',
  modelDifference: (line, code) => code(line),
  objectKind: { table: 'table', column: 'column', index: 'index', 'foreign-key': 'foreign key', enum: 'enum type', sequence: 'sequence' },
  extraIntro: 'These exist in the schema, but no migration file creates them (made by hand, or by another tool):',
  invalidIndexes: 'Invalid indexes (`indisvalid = false`, left by a failed `CREATE INDEX CONCURRENTLY`):',
  modelDifferences: 'Tables that differ from the entity models:',
  objectDifferences: 'Objects whose definition differs from their migration:',

  causesIntro: 'drift-doctor scored each cause from evidence PostgreSQL itself keeps (which transaction wrote each ledger row, leftovers a `DROP TABLE` leaves, invalid indexes, the database\'s age). A positive weight supports the cause, a negative one weakens it.',
  nothingToExplain: 'Nothing to explain: there is no drift.',
  causeTitle: {
    'in-sync': 'Ledger and schema agree',
    'dropped-after-apply': 'Applied, then tables dropped',
    'stamped-without-running': 'Ledger stamped by hand, migrations never run',
    'failed-midway': 'Applied with errors that were ignored',
    'recreated-without-migrations': 'Database recreated or restored, migrations not re-applied',
    'out-of-band-objects': 'Objects created outside the migrations',
    'ledger-name-mismatch': 'Ledger names differ from the migration files',
    'ledger-elsewhere': 'The ledger lives in another schema or table',
    'db-ahead-of-code': 'Database is ahead of this code',
    'schema-without-ledger': 'Schema exists but there is no ledger',
    unknown: 'Not enough evidence',
  },
  causeSummary: (_id, engineSummary) => engineSummary,
  noEvidence: 'No evidence items.',
  evidenceText: () => null,
  verbatim: 'as drift-doctor put it',
  objects: 'objects',
  weight: 'weight',
  verdict: (title, id, percent) => `**Verdict:** ${title} (${code(id)}, ${percent}%).`,
  verdictInSync: '**Verdict:** in sync — nothing to repair.',
  verdictUnknown: (closest) => `**Verdict:** unknown — not enough evidence to single out one cause${closest.length ? ` (closest: ${closest.join(' and ')})` : ''}. No repair is recommended; the operator chooses.`,
  refused: '**Repairs refused** until the operator acts:',
  repairMeans: '**What this means for the repair:**',
  repairHint: (_verdict, engineHint) => engineHint,

  strategyTitle: {
    'create-all': 'Create what is missing from the entity models, then sync the ledger',
    rerun: 'Re-run the migrations whose effects are absent',
    'sync-ledger': 'Sync the ledger only (schema untouched)',
  },
  checkOnly: 'No repair was chosen: this was a read-only check, and nothing in the database was changed.',
  nothingToRepair: 'Nothing to repair.',
  recommendedNext: (strategy, command) => `The diagnosis recommends ${code(strategy)}. To read its SQL without running it: ${code(command)}.`,
  noRecommendation: (why) => ({
    refused: 'The diagnosis recommends no repair: repairs are refused until the operator acts (see Causes considered).',
    unknown: 'The diagnosis recommends no repair: the evidence does not single out a cause, so the operator has to choose.',
    none: 'The diagnosis recommends no repair strategy.',
  })[why],
  chosen: (title, strategy) => `**Chosen:** ${title} (${code(strategy)}).`,
  chosenRecommended: 'This is the strategy the diagnosis recommends.',
  chosenOther: (recommended) => `The diagnosis recommended ${code(recommended)}; the operator chose otherwise.`,
  chosenWithoutRecommendation: 'The diagnosis recommended no strategy; the operator chose this one.',
  planRefused: '**The plan was refused**, so nothing ran:',
  consequence: (p) => {
    const parts = [
      p.schema ? `${n(p.schema, 'additive schema statement')} (no drops)` : '',
      p.migrationStatements ? `${n(p.migrationStatements, 'statement')} of ${n(p.migrations, 'migration')}, run again in order` : '',
      p.unrecorded ? `${n(p.unrecorded, 'ledger row')} removed` : '',
      p.renamed ? `${n(p.renamed, 'ledger row')} renamed` : '',
      p.recorded ? `${n(p.recorded, 'migration')} recorded in the ledger` : '',
    ].filter(Boolean);
    const after = p.afterCommit ? `; ${n(p.afterCommit, 'step')} after COMMIT` : '';
    return `**What it does here:** ${parts.length ? parts.join(', ') : 'nothing'}${after}.`;
  },
  runError: '**The run stopped with an error:**',

  noSql: 'No SQL was run.',
  sqlStatus,
  stepComment,
  stepState: { failed: '✗ FAILED here', 'not-run': 'not run' },
  setupComment: 'lock_timeout, statement_timeout and the drift-doctor advisory lock are set first',
  verifyComment: 'verification runs here, inside the transaction; any failure rolls everything back',
  afterCommitIntro: (count, recordsAfter) => `${n(count, 'step')} cannot run inside a transaction (\`CONCURRENTLY\`), so ${count === 1 ? 'it runs' : 'they run'} after COMMIT, one at a time under the drift-doctor lock; ${count === 1 ? 'it is' : 'each is'} idempotent${recordsAfter ? ', and a migration is recorded in the ledger only after its step ran' : ''}. Then everything is verified again.`,
  afterCommitVerify: 'then verification again, with nothing deferred',
  notRehearsed: 'A rehearsal cannot run these (they cannot run inside its transaction); its verification took them on trust.',
  rehearsedFirst: (ok, error) => ok
    ? 'Before it was applied, the same plan was rehearsed (run in a transaction and rolled back) and verified.'
    : `Before it was applied, a rehearsal of the same plan failed: ${error ?? 'the verification did not pass'}.`,
  reconciled: 'found before anything ran and reconciled in the steps above (only the missing parts are added)',
  journal: (path) => `**Journal:** ${code(path)} (the plan, the SQL as sent, the ledger rows before and after).`,
  undo: (command) => `To put the ledger rows back as they were before this repair: ${code(command)} (schema objects the repair created are listed, never dropped).`,

  notVerifiedCheck: 'No repair was made, so there is nothing to verify; the state found is described under Problem.',
  notVerifiedDryRun: 'Not verified: this was a dry run, and nothing was run.',
  notVerifiedRefused: 'Not verified: the repair was refused, and nothing was run.',
  notVerifiedFailed: 'Not verified: the repair stopped before its verification.',
  rehearsalVerification: 'This verification ran inside the rehearsal\'s transaction, before the rollback: it proves the plan works here. The database itself is unchanged and still drifted.',
  verifiedInSync: '**In sync:** the ledger matches the files, every recorded migration\'s objects exist, pending migrations would apply cleanly, the schema matches the models, and no index is invalid.',
  verifiedInSyncRehearsal: '**In sync inside the rehearsal:** every check passed before the rollback.',
  verifiedNotInSync: '**Not in sync.** What is left:',
  checkLabel: {
    'ledger-matches-files': 'the ledger matches the migration files',
    'footprints-present': 'every recorded migration\'s objects exist',
    'pending-apply-cleanly': 'pending migrations would apply cleanly',
    'models-match': 'the schema matches the entity models (or a pending migration explains the gap)',
    'indexes-valid': 'no invalid index',
  },

  recommendation: {
    'never-stamp': () => 'Never write ledger rows by hand. To record migrations whose effects really exist, use `npx drift-doctor repair --strategy sync-ledger`: it records only what it has verified present, and refuses a migration that is only partly there.',
    'no-manual-drops': () => 'Change the schema only through migrations. A table dropped by hand leaves the ledger claiming it exists; undo a migration with `npx mikro-orm migration:down`, which also removes its ledger row. The application\'s role should not own the tables, so it cannot drop them.',
    'transactional-migrations': (f) => `Keep migrations transactional (MikroORM's default). A non-transactional one${f.nonTransactional.length ? ` (here: ${codes(f.nonTransactional)})` : ''} — \`CREATE INDEX CONCURRENTLY\` — can fail half-way and leave an invalid index${f.invalidIndexes.length ? ` (here: ${codes(f.invalidIndexes)})` : ''}: after deploying one, check \`select indexrelid::regclass from pg_index where not indisvalid\`, and never mark it applied by hand.`,
    'restore-with-schema': (f) => `Restore a database with its schema and its ledger together (a whole-database \`pg_dump\`), never the ledger alone; after any restore or re-creation, run \`${f.checkCommand}\` before the application starts.`,
    'no-hand-made-objects': (f) => `Do not create tables by hand or with scripts${f.handMade.length ? ` (here: ${codes(f.handMade)})` : ''}: write a migration for every schema change, so that the ledger knows about it and the next \`migration:up\` does not fail with "relation already exists".`,
    'stable-names': () => 'Do not rename migration files or ledger rows after they ran, and run the migrator with the same settings everywhere (the ledger stores names without `.js`/`.ts`).',
    'one-ledger-location': (f) => `Configure where the ledger lives (MikroORM \`migrations.tableName\` and the schema) once, in the config every tool reads; drift-doctor looked at ${code(f.ledger)}.`,
    'deploy-matching-revision': (f) => `Deploy and repair only from a revision that contains every migration the database has run${f.ledgerWithoutFile.length ? ` (here: ${codes(f.ledgerWithoutFile)})` : ''}; \`drift-doctor check\` exits 3 on such a database, so CI can stop an older checkout.`,
    'schema-via-migrations': () => 'Build production schemas with migrations, not `schema:update`/`schema:create` (or a `create_all` script): those write no ledger rows, so the next `migration:up` tries to create everything again.',
    investigate: () => 'The evidence did not single out one cause: ask who could write to the ledger and the schema around the ledger rows\' `executed_at`, and read the server log for that time.',
    'needs-human': () => 'Resolve the "needs a human" items with a reviewed migration: drift-doctor never drops anything or changes a column type.',
    'drift-left': (f) => `Drift is left (see Verification): fix what is listed, then run \`${f.checkCommand}\` again.`,
    'create-all-by-hand': () => 'If this fix is ever repeated by hand (a `create_all` or `schema:update` script), bring the ledger in line in the same step: otherwise a migration whose table already exists stays pending, and the next `migration:up` fails with "relation already exists" — the trap of the original incident.',
    'migrate-before-start': () => 'Run the migrations before the application starts (`npx mikro-orm migration:up` as a deploy step or in the container\'s entrypoint), and never let the application or a script create tables itself.',
    'ci-check': (f) => `Guard deploys with \`${f.checkCommand}\` in CI: it exits 0 in sync, 1 when it finds drift, 2 on an error, 3 when it must refuse or cannot decide — fail the pipeline on anything but 0.`,
    'log-ddl': () => 'Set `log_statement = \'ddl\'` on the server (and keep the logs), so that next time who created or dropped what is in the log, not a guess.',
  },
};
