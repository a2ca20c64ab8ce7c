import type { Journal } from '../core/repair/journal.js';
import type { CreatedObject, UndoOutcome } from '../core/repair/undo.js';
import type { ApplyResult, ConnectionInfo, Diagnosis, DriftReport, MigrationStatus, PlanStep, RepairPlan } from '../core/types.js';

function statusWord(m: MigrationStatus): string {
  if (!m.hasFile) return 'NO FILE';
  if (m.recorded) return m.presence === 'none' ? 'MISSING' : m.presence === 'partial' ? 'PARTIAL' : m.different.length ? 'DIFFERENT' : 'ok';
  return m.presence === 'all' || m.presence === 'partial' ? 'PENDING-BUT-PRESENT' : 'pending';
}

/**
 * When the database holds nothing of the application (no ledger, no object
 * any migration makes), "in sync" is true but may hide a mistyped database:
 * every front end says so next to it.
 */
export function emptyApplicationNote(report: DriftReport): string | null {
  const nothing = !report.ledger.exists && report.counts.migrations > 0 && report.migrations.every((m) => m.presence === 'none' || m.presence === 'empty');
  if (!nothing) return null;
  return `nothing of this application is here yet: no ledger and none of the ${report.counts.migrations} migrations' objects — in step, but if you expected a migrated database, check the URL (the application's migration:up would apply all ${report.counts.migrations})`;
}

/** The check report as lines for a terminal or a log. */
/**
 * `connectionArgs`: the flags the operator used, repeated in the `next:` line so
 * pasting it reaches the same database (a URL with a password is not repeated).
 */
export function renderCheck(report: DriftReport, diagnosis: Diagnosis, connectionArgs = ''): string {
  const c = report.connection;
  const lines = [
    `drift-doctor check — ${c.database} on ${c.server} as ${c.role} (${c.serverVersion}), schema ${c.schema}, ledger ${c.ledgerTable}`,
    '',
    `${'migration'.padEnd(34)} ${'recorded'.padEnd(9)} ${'present'.padEnd(8)} status`,
    ...report.migrations.map((m) => `${m.name.padEnd(34)} ${(m.recorded ? 'yes' : 'no').padEnd(9)} ${m.presence.padEnd(8)} ${statusWord(m)}`),
    '',
    `${report.counts.migrations} migration files: recorded ${report.counts.recorded}, of which ${report.counts.recordedButMissing} missing and ${report.counts.recordedPartial} partly present; pending ${report.counts.pending}, of which ${report.counts.pendingButPresent} already present; ledger rows without a file ${report.counts.ledgerWithoutFile}`,
  ];
  if (!report.ledger.exists) lines.push(`no ledger table ${report.ledger.schema}.${report.ledger.table}`);
  const empty = emptyApplicationNote(report);
  if (empty) lines.push(empty);
  if (report.invalidIndexes.length) lines.push(`invalid indexes: ${report.invalidIndexes.join(', ')}`);
  if (report.extra.length) lines.push(`not made by any migration: ${report.extra.map((o) => (o.table ? `${o.table}.${o.name}` : o.name)).join(', ')}`);
  lines.push('', report.inSync ? 'verdict: in sync — nothing to repair' : `verdict: ${diagnosis.verdict}`);
  for (const h of diagnosis.hypotheses) {
    if (h.id === 'in-sync') continue;
    lines.push(`  ${h.id} ${Math.round(h.confidence * 100)}% — ${h.summary}`);
    for (const e of h.evidence) lines.push(`    ${e.weight > 0 ? '+' : e.weight < 0 ? '−' : '·'} ${e.detail}`);
  }
  if (!report.inSync) {
    lines.push('', `what this means for the repair: ${diagnosis.repairHint}`);
    if (diagnosis.refusal) lines.push(`REFUSED: ${diagnosis.refusal}`);
    else if (diagnosis.recommended) lines.push(`next: npx drift-doctor repair --strategy ${diagnosis.recommended} --dry-run${connectionArgs}`);
  }
  return lines.join('\n');
}

export function renderPlan(plan: RepairPlan): string {
  if (!plan.applicable) return `REFUSED (${plan.strategy}): ${plan.refusal}`;
  const lines = [`plan: ${plan.strategy} — ${plan.consequence}`];
  for (const n of plan.needsHuman) lines.push(`needs a human: ${n.object} — ${n.reason}`);
  for (const c of plan.conflicts) lines.push(`conflict foreseen: ${c.migration} — ${c.problem}`);
  const inside = plan.steps.filter((s) => !s.outsideTransaction);
  const after = plan.steps.filter((s) => s.outsideTransaction);
  const step = (s: RepairPlan['steps'][number], i: number) => [`-- ${i + 1}. ${s.reason} [locks: ${s.locks}]`, s.sql];
  lines.push('', 'begin;', '-- lock_timeout, statement_timeout and pg_advisory_xact_lock are set first');
  inside.forEach((s, i) => lines.push(...step(s, i)));
  lines.push('-- verification runs here, inside the transaction; any failure rolls back', 'commit;');
  if (after.length) {
    lines.push('', `-- after commit: ${after.length} non-transactional step${after.length === 1 ? '' : 's'} (CONCURRENTLY cannot run in a transaction),`,
      '-- one at a time under the drift-doctor lock; each is idempotent, so a failed one is resumed by running the repair again');
    after.forEach((s, i) => lines.push(...step(s, inside.length + i)));
    lines.push('-- then verification again, with nothing deferred');
  }
  return lines.join('\n');
}

export function renderApply(result: ApplyResult): string {
  const lines = [result.ok ? `committed: ${result.stepsRun} steps applied in ${result.durationMs} ms, verified before COMMIT` : `repair failed: ${result.error}`];
  if (result.verify) {
    for (const c of result.verify.checks) lines.push(`  ${c.ok ? '✓' : '✗'} ${c.label}${c.ok ? '' : ` — ${c.detail}`}`);
    lines.push(result.ok && result.verify.ok ? 'verified: in sync' : 'not verified');
  }

  return lines.join('\n');
}

const oneLine = (sql: string, width: number) => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
};
const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`);

/**
 * Locks the rehearsal took on tables that existed before it, per table:
 * each mode from the first step that took it (a lock is held until the
 * transaction ends, however brief the statement), and for how long at most.
 * Locks on objects the plan itself creates are only counted: no other
 * session can see those until commit.
 */
const MODES = ['ACCESS SHARE', 'ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'];
const rank = (mode: string) => MODES.indexOf(mode);

function lockLines(steps: PlanStep[], result: ApplyResult): string[] {
  const timings = result.stepTimings ?? [];
  const created = new Set(steps.map((s) => /^new table (\S+)/.exec(s.locks)?.[1]).filter((t): t is string => !!t));
  const perTable = new Map<string, Map<string, number>>();
  const raw: string[] = [];
  let unseen = 0;
  const startOf = new Map<number, number>();
  let elapsed = 0;
  for (const t of timings) {
    startOf.set(t.index, elapsed);
    elapsed += t.durationMs;
  }
  const held = (index: number) => `held ≤ ${seconds(Math.max(0, result.durationMs - (startOf.get(index) ?? 0)))}`;
  // A failed step waited for its lock (or failed holding it only until the rollback): the error says which.
  for (const t of timings.filter((x) => x.ok)) {
    const locks = steps[t.index]?.locks ?? '';
    if (/^(new table |none\b)/.test(locks)) { unseen++; continue; }
    const m = /^([A-Z][A-Z ]*?) on (.+?)(?: \(.*\))?$/.exec(locks);
    const tables = m?.[2]?.split(' and ');
    if (!m || !tables || !tables.every((x) => /^[\w$".]+$/.test(x))) { raw.push(`  ${locks} — from step ${t.index + 1}, ${held(t.index)}`); continue; }
    const existing = tables.filter((x) => !created.has(x));
    if (!existing.length) { unseen++; continue; }
    for (const table of existing) {
      const modes = perTable.get(table) ?? new Map<string, number>();
      // A weaker mode than one already held adds nothing.
      if (Math.max(-1, ...[...modes.keys()].map(rank)) < rank(m[1]!)) modes.set(m[1]!, t.index);
      perTable.set(table, modes);
    }
  }
  const width = Math.max(0, ...[...perTable.keys()].map((k) => k.length));
  return [
    '  the drift-doctor advisory lock on this database and ledger (one repair at a time)',
    ...[...perTable].map(([table, modes]) => `  ${table.padEnd(width)}  ${[...modes].map(([mode, i]) => `${mode} from step ${i + 1} (${held(i)})`).join(', ')}`),
    ...raw,
    ...(unseen ? [`  ${unseen} step${unseen === 1 ? '' : 's'} locked only objects the plan creates (invisible to other sessions until commit)`] : []),
  ];
}

/** A rehearsal: every step with its time and lock, the verification, and the verdict. */
export function renderRehearsal(plan: RepairPlan, result: ApplyResult): string {
  const timings = result.stepTimings ?? [];
  const lines = [`rehearsal of ${plan.strategy}: the plan ran in one transaction, then ROLLBACK — nothing was kept`, ''];
  lines.push(`${'#'.padStart(4)} ${'ms'.padStart(6)}  ${'statement'.padEnd(64)} locks`);
  for (const t of timings) {
    const step = plan.steps[t.index];
    if (!step) continue;
    lines.push(`${String(t.index + 1).padStart(4)} ${String(t.durationMs).padStart(6)}  ${oneLine(step.sql, 64).padEnd(64)} ${step.locks}${t.ok ? '' : '  ✗ FAILED'}`);
  }
  const inSteps = timings.reduce((n, t) => n + t.durationMs, 0);
  lines.push(`${''.padStart(4)} ${String(Math.max(0, result.durationMs - inSteps)).padStart(6)}  (BEGIN, timeouts, advisory lock, ${result.verify ? 'verification, ' : ''}ROLLBACK)`);
  const slowest = [...timings].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3).filter((t) => t.durationMs > 0);
  if (slowest.length) lines.push(`slowest: ${slowest.map((t) => `#${t.index + 1} ${seconds(t.durationMs)}`).join(', ')}`);
  lines.push('', 'locks on what existed before, each held from its step until the transaction ended:', ...lockLines(plan.steps, result));
  if (result.verify) {
    lines.push('', 'verification (inside the transaction, before the rollback):');
    for (const c of result.verify.checks) lines.push(`  ${c.ok ? '✓' : '✗'} ${c.label}${c.ok ? '' : ` — ${c.detail}`}`);
  }
  for (const n of result.notes ?? []) lines.push(`note: ${n}`);
  const after = plan.steps.filter((s) => s.outsideTransaction).length;
  if (after) lines.push(`not rehearsed: ${after} step${after === 1 ? '' : 's'} that run${after === 1 ? 's' : ''} after COMMIT (CONCURRENTLY cannot run inside a transaction); the verification took ${after === 1 ? 'it' : 'them'} on trust`);
  lines.push('', result.ok
    ? `this plan works on this database${after ? ', up to COMMIT' : ''}: ${result.stepsRun} steps ran and verified in ${seconds(result.durationMs)}, then everything was rolled back`
    : `this plan does NOT work on this database: ${result.error ?? 'verification failed'}`);
  return lines.join('\n');
}

function leftInPlaceLines(objects: CreatedObject[]): string[] {
  if (!objects.length) return ['the repair created no schema objects; only the ledger changes'];
  const names = (kind: CreatedObject['kind'], fmt: (o: CreatedObject) => string = (o) => o.name) => objects.filter((o) => o.kind === kind && !o.onNewTable).map(fmt);
  const groups: [string, string, string[]][] = [
    ['table', 'tables', names('table')],
    ['enum type', 'enum types', names('type')],
    ['sequence', 'sequences', names('sequence')],
    ['column added to a table that existed', 'columns added to tables that existed', names('column', (o) => `${o.table}.${o.name}`)],
    ['index on a table that existed', 'indexes on tables that existed', names('index', (o) => `${o.name} (${o.table})`)],
    ['constraint on a table that existed', 'constraints on tables that existed', names('constraint', (o) => `${o.name} (${o.table})`)],
    ['index rebuilt', 'indexes rebuilt', names('rebuilt index')],
    ['other statement', 'other statements', names('other')],
  ];
  const withTables = objects.filter((o) => o.onNewTable).length;
  return [
    'left in place — the repair created these and undo never drops anything (drop them yourself only if nothing uses them):',
    ...groups.filter(([, , n]) => n.length).map(([one, many, n]) => `  ${n.length} ${n.length === 1 ? one : many}: ${n.join(', ')}`),
    ...(withTables ? [`  (and ${withTables} indexes and constraints of the new tables, which go with them)`] : []),
  ];
}

/** An undo's plan (dry run or refusal) or its result. */
export function renderUndo(journal: Journal, outcome: UndoOutcome): string {
  const { plan, result } = outcome;
  const w = journal.where;
  const lines = [
    `undo of ${journal.plan.strategy} on ${w.database} (ledger ${plan.ledger}), applied ${journal.startedAt} by ${journal.who.osUser}@${journal.who.host} as ${w.role}; outcome ${journal.outcome.status}`,
  ];
  if (plan.refusal) return [...lines, `REFUSED: ${plan.refusal}`].join('\n');
  if (plan.alreadyRestored) return [...lines, `nothing to undo: the ledger already holds exactly the ${plan.restore.rows.length} rows it held before that repair`].join('\n');
  const restore = plan.restore;
  const ids = restore.rows.length ? ` (ids ${restore.rows[0]!.id}…${restore.rows[restore.rows.length - 1]!.id})` : '';
  lines.push(`the ledger holds ${plan.current.rows.length} rows now; undo puts back the ${restore.rows.length} rows it held before the repair${ids}, with their original ids and executed_at`);
  if (plan.changedSince.length) lines.push(`changed since the repair (discarded by --force): ${plan.changedSince.join('; ')}`);
  if (!result) {
    lines.push('', 'begin;', '-- lock_timeout, statement_timeout and the drift-doctor advisory lock are set first');
    plan.steps.forEach((s, i) => lines.push(`-- ${i + 1}. ${s.reason}`, s.sql));
    lines.push('-- the ledger is read back here and must equal the journal\'s rows, or everything rolls back', 'commit;');
  }
  lines.push('', ...leftInPlaceLines(plan.leftInPlace));
  lines.push('');
  if (!result) lines.push('dry run: nothing changed; run again with --yes to restore the ledger');
  else if (result.ok) lines.push(`ledger restored: ${restore.rows.length} rows exactly as before the repair (read back and compared before COMMIT) in ${seconds(result.durationMs)}; run drift-doctor check to see where that leaves the schema`);
  else lines.push(`undo failed: ${result.error}`);
  return lines.join('\n');
}

/** Where a plan written to a file came from, for its header. */
export interface PlanScriptContext {
  connection: Omit<ConnectionInfo, 'maskedUrl'>;
  /** When it was written (ISO 8601). */
  writtenAt: string;
}

/** Text as SQL comment lines, each line of it prefixed (never a comment left open). */
const comment = (text: string, prefix = '-- '): string[] => text.split('\n').map((l) => `${prefix}${l}`.trimEnd());

/** A statement ending in exactly one `;`, so the script runs statement by statement. */
const terminated = (sql: string): string => {
  const trimmed = sql.trim();
  return trimmed.endsWith(';') ? trimmed : `${trimmed};`;
};

/**
 * The plan as a SQL script for review (`w` in the wizard's Preview): what it
 * repairs, what it leaves to a human, then every statement in order, each
 * under a comment saying why it is there and what it locks. drift-doctor adds
 * the advisory lock, the timeouts and the verification before COMMIT when it
 * runs the plan itself; the header says that running the file by hand skips them.
 */
export function renderPlanSql(plan: RepairPlan, context: PlanScriptContext): string {
  const c = context.connection;
  const ledger = c.ledgerTable.includes('.') ? c.ledgerTable : `${c.schema}.${c.ledgerTable}`;
  const lines = [
    `-- drift-doctor repair plan: ${plan.strategy}`,
    `-- database ${c.database} on ${c.server} (${c.serverVersion}) as ${c.role}; schema ${c.schema}; ledger ${ledger}`,
    `-- written ${context.writtenAt}; nothing had run when it was written`,
    '--',
    ...comment(plan.consequence),
  ];
  if (!plan.applicable) return [...lines, '--', ...comment(`REFUSED: ${plan.refusal ?? 'not applicable here'}`), ''].join('\n');
  if (plan.needsHuman.length) {
    lines.push('--', `-- needs a human (${plan.needsHuman.length}): drift-doctor does not change these`);
    for (const n of plan.needsHuman) lines.push(...comment(`${n.object}: ${n.reason}`, '--   '));
  }
  if (plan.conflicts.length) {
    lines.push('--', `-- foreseen conflicts, reconciled (${plan.conflicts.length}): the existing object is kept, only missing parts are created`);
    for (const k of plan.conflicts) lines.push(...comment(`${k.migration}: ${k.problem}`, '--   '));
  }
  lines.push(
    '--',
    '-- A copy for review. drift-doctor runs these statements itself with lock_timeout, statement_timeout and an',
    '-- advisory lock against a second operator, verifies before COMMIT and journals the ledger; running this file',
    '-- by hand does none of that.',
  );
  const inside = plan.steps.filter((s) => !s.outsideTransaction);
  const after = plan.steps.filter((s) => s.outsideTransaction);
  const step = (s: RepairPlan['steps'][number], n: number) => ['', ...comment(`${n}. ${s.reason}`), `--    locks: ${s.locks || 'nothing'}`, terminated(s.sql)];
  if (plan.steps.length === 0) return [...lines, '', '-- this plan has nothing to run', ''].join('\n');
  lines.push('', `begin; -- ${inside.length} step${inside.length === 1 ? '' : 's'} in one transaction`);
  inside.forEach((s, i) => lines.push(...step(s, i + 1)));
  lines.push('', '-- drift-doctor verifies here, inside the transaction; any failure rolls everything back', 'commit;');
  if (after.length) {
    lines.push('', `-- after COMMIT: ${after.length} non-transactional step${after.length === 1 ? '' : 's'} (CONCURRENTLY cannot run in a transaction),`,
      '-- each idempotent, so running it again after a failure resumes');
    after.forEach((s, i) => lines.push(...step(s, inside.length + i + 1)));
  }
  return [...lines, ''].join('\n');
}
