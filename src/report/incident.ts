/**
 * The Markdown incident report: the team's postmortem outline (problem,
 * causes, decision, SQL, verification, recommendations) filled from the
 * engine's values. Pure: no fs, no console; `write.ts` puts it on disk.
 */
import type { DetectOutcome } from '../core/engine.js';
import { DriftDoctorError } from '../core/errors.js';
import type {
  ApplyResult, CauseId, ConnectionInfo, Diagnosis, DriftCounts, DriftReport, Evidence,
  MigrationStatus, ObjectRef, PlanStep, RepairPlan, VerifyResult,
} from '../core/types.js';
import { STRINGS, type RecommendationFacts, type RecommendationId, type ReportLang, type ReportStrings, type RunKind, type SqlStatus, type StepState } from './i18n.js';

export type { ReportLang } from './i18n.js';

/** Everything one check or repair produced, as the engine returned it. */
export interface IncidentRecord {
  connection: ConnectionInfo;
  /** Report and diagnosis, before any repair. */
  detected: DetectOutcome;
  /** The chosen plan, if any (null for a check). */
  plan?: RepairPlan | null;
  /** What apply did; null for a dry run. */
  result?: ApplyResult | null;
  /**
   * ApplyResult does not say whether it was rolled back, so: `true` when
   * `result` itself is a rehearsal; or the rehearsal's own result, when a
   * walk rehearsed the plan before the real apply in `result` (or instead of
   * one, with `result` absent).
   */
  rehearsal?: boolean | ApplyResult | null;
  /** Verification after the repair (engine.verify); defaults to `result.verify`. */
  verify?: VerifyResult | null;
  /** The run stopped with an error instead of a result (e.g. another repair held the lock). */
  error?: { message: string; hint?: string } | null;
  /** drift-doctor's version (`toolVersion()` in core/repair/journal.ts); omitted when unknown. */
  toolVersion?: string;
  /** ISO timestamps. */
  startedAt: string;
  finishedAt: string;
}

/** `--lang`: undefined → English; anything but en/ru is an error naming the flag. */
export function parseReportLang(value: string | undefined): ReportLang {
  if (value === undefined) return 'en';
  const lang = value.trim().toLowerCase();
  if (lang === 'en' || lang === 'ru') return lang;
  throw new DriftDoctorError(`unknown report language "${value}"`, 'use --lang en (English, the default) or --lang ru (Russian)');
}

export function renderIncidentReport(record: IncidentRecord, lang: ReportLang): string {
  const t = STRINGS[lang];
  const view = viewOf(record, lang);
  const sections = [header(view, t), problem(view, t), causes(view, t), decision(view, t), sql(view, t), verification(view, t), recommendations(view, t)];
  return `${sections.map((s) => s.join('\n').trim()).join('\n\n')}\n`;
}

// ─── What the sections share ────────────────────────────────────────────────

interface View {
  r: IncidentRecord;
  report: DriftReport;
  diagnosis: Diagnosis;
  plan: RepairPlan | null;
  /** The apply this report is about: the real one, else the rehearsal. */
  result: ApplyResult | null;
  /** `result` was rolled back. */
  rehearsal: boolean;
  /** A rehearsal that ran before the real apply in `result`. */
  rehearsedFirst: ApplyResult | null;
  verify: VerifyResult | null;
  kind: RunKind;
  ledger: string;
  flags: string;
  lang: ReportLang;
}

function viewOf(r: IncidentRecord, lang: ReportLang): View {
  const { report, diagnosis } = r.detected;
  const plan = r.plan ?? null;
  const rehearsed = typeof r.rehearsal === 'object' ? r.rehearsal : null;
  const result = r.result ?? rehearsed;
  const rehearsal = r.rehearsal === true || (!r.result && rehearsed !== null);
  // An error with no apply result is what the run ended with, even after a rehearsal.
  const kind: RunKind = !plan ? 'check' : !plan.applicable ? 'refused' : r.error && !r.result ? 'stopped' : result ? (rehearsal ? 'rehearsal' : 'applied') : 'dry-run';
  return {
    r, report, diagnosis, plan, result, rehearsal, kind,
    rehearsedFirst: (r.result || r.error) && rehearsed ? rehearsed : null,
    verify: r.verify ?? result?.verify ?? null,
    ledger: `${report.ledger.schema}.${report.ledger.table}`,
    flags: connectionFlags(report),
    lang,
  };
}

/** The flags that reach the same schema and ledger (never the URL: it may hold a password). */
function connectionFlags(report: DriftReport): string {
  const word = (s: string) => (/^[\w.-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const c = report.connection;
  return [
    c.schema !== 'public' ? ` --schema ${word(c.schema)}` : '',
    report.ledger.schema !== c.schema ? ` --ledger-schema ${word(report.ledger.schema)}` : '',
    report.ledger.table !== 'mikro_orm_migrations' ? ` --ledger-table ${word(report.ledger.table)}` : '',
  ].join('');
}

/** Inline code that survives backticks inside. */
function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

/** Engine sentences in running text: one line, Markdown's active characters escaped. */
const md = (s: string) => s.replace(/\s*\n\s*/g, ' ').replace(/[\\`*<]/g, '\\$&');
/** An engine sentence quoted inside text of another language. */
const quoted = (s: string, v: View) => (v.lang === 'ru' ? `«${md(s)}»` : md(s));
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const percent = (c: number) => Math.round(c * 100);

function fenced(lines: string[], info = 'sql'): string[] {
  const longest = Math.max(2, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((m) => m.length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${info}`, ...lines, fence];
}

function table(head: string[], rows: string[][], align: ('l' | 'r')[] = []): string[] {
  const rule = head.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [head, rule, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`);
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function topVerdict(v: View, t: ReportStrings): string {
  const { diagnosis, report } = v;
  if (report.inSync || diagnosis.verdict === 'in-sync') return t.verdictInSync;
  const real = diagnosis.hypotheses.filter((h) => h.id !== 'unknown' && h.id !== 'in-sync');
  if (diagnosis.verdict === 'unknown') return t.verdictUnknown(real.slice(0, 2).map((h) => `${t.causeTitle[h.id]} (${percent(h.confidence)}%)`));
  const top = diagnosis.hypotheses.find((h) => h.id === diagnosis.verdict);
  return t.verdict(t.causeTitle[diagnosis.verdict], diagnosis.verdict, percent(top?.confidence ?? 0));
}

// ─── 1. Title and where ─────────────────────────────────────────────────────

function header(v: View, t: ReportStrings): string[] {
  const c = v.r.connection;
  const started = Date.parse(v.r.startedAt);
  const took = Date.parse(v.r.finishedAt) - started;
  const f = t.field;
  const verified = v.kind === 'rehearsal' ? v.result?.ok ?? false : v.kind === 'applied' ? (v.result?.ok ?? false) && (v.verify?.ok ?? false) : null;
  const summary = v.report.inSync
    ? [t.inSync, t.outcome(v.kind, v.plan?.strategy ?? null, verified)]
    : [t.ledgerSays(v.ledger, v.report.counts.recorded, v.report.counts.migrations), t.driftSummary(v.report.counts), tablesLine(v.report, t), topVerdict(v, t).replace(/\*\*/g, ''), t.outcome(v.kind, v.plan?.strategy ?? null, verified)];
  return [
    `# ${t.title(c.database)}`,
    '',
    `- **${f.database}:** ${code(c.database)}`,
    `- **${f.server}:** ${code(c.server)} (${c.serverVersion})`,
    `- **${f.role}:** ${code(c.role)}`,
    `- **${f.schema}:** ${code(c.schema)}`,
    `- **${f.ledger}:** ${code(v.ledger)}${v.report.ledger.exists ? '' : ` ${t.ledgerAbsent}`}`,
    `- **${f.started}:** ${formatTime(v.r.startedAt)}`,
    `- **${f.finished}:** ${formatTime(v.r.finishedAt)}${Number.isFinite(took) && took >= 0 ? ` ${t.duration(t.seconds(took))}` : ''}`,
    `- **${f.run}:** ${t.runKind(v.kind, v.plan?.strategy ?? null)}`,
    `- **${f.tool}:** drift-doctor${v.r.toolVersion ? ` ${v.r.toolVersion}` : ''}`,
    '',
    `**${t.summaryLabel}** ${summary.join(' ')}`,
  ];
}

function tablesLine(report: DriftReport, t: ReportStrings): string {
  const { present, total } = migrationTables(report);
  // Name the survivors when they are few: that is the headline ("of 33 tables only 2 exist").
  return t.tablesExist(present.length, total, present.length && present.length <= 5 ? present : null);
}

// ─── 2. The problem ─────────────────────────────────────────────────────────

const COUNT_ORDER: (keyof DriftCounts)[] = ['migrations', 'recorded', 'recordedButMissing', 'recordedPartial', 'pending', 'pendingButPresent', 'ledgerWithoutFile'];

function problem(v: View, t: ReportStrings): string[] {
  const { report } = v;
  const lines = [`## ${t.heading.problem}`, ''];
  if (report.inSync) return [...lines, t.inSync];
  lines.push(`${t.ledgerSays(v.ledger, report.counts.recorded, report.counts.migrations)} ${t.driftSummary(report.counts)}`);
  if (!report.ledger.exists) lines.push('', t.noLedger(v.ledger));
  const c = t.countColumn;
  lines.push('', `### ${t.heading.counts}`, '', ...table([c.what, c.value], COUNT_ORDER.map((k) => [t.countLabel[k], String(report.counts[k])]), ['l', 'r']));
  const { present, total } = migrationTables(report);
  lines.push('', t.tablesExist(present.length, total, present.length ? present : null));
  const missing = report.missing.filter((o) => o.kind === 'table').map((o) => o.name);
  if (missing.length) lines.push('', t.missingTables(missing.length), missing.map(code).join(', '));
  const m = t.migrationColumns;
  lines.push('', `### ${t.heading.perMigration}`, '', ...table([m.name, m.recorded, m.present, m.missing, m.whatIsMissing], report.migrations.map((x) => migrationRow(x, t)), ['l', 'l', 'l', 'r', 'l']));
  return [...lines, ...outsideTheMigrations(v, t)];
}

/** Tables the migration files create, and which of them exist. */
function migrationTables(report: DriftReport): { present: string[]; total: number } {
  const tables = (refs: ObjectRef[]) => refs.filter((o) => o.kind === 'table').map((o) => o.name);
  const present = [...new Set(report.migrations.flatMap((m) => tables(m.present)))];
  const missing = new Set(report.migrations.flatMap((m) => tables(m.missing)));
  return { present, total: new Set([...present, ...missing]).size };
}

function migrationRow(m: MigrationStatus, t: ReportStrings): string[] {
  const notes = [!m.hasFile ? t.noFile : '', m.nonTransactional ? t.nonTransactional : '', m.different.length ? t.differs(m.different.length) : ''].filter(Boolean);
  return [
    `${code(m.name)}${notes.length ? ` (${notes.join(', ')})` : ''}`,
    m.recorded ? t.yes : t.no,
    m.hasFile ? t.presence[m.presence] : '—',
    String(m.missing.length),
    missingSummary(m.missing, t) || '—',
  ];
}

/** Missing tables by name; other missing objects only when their table is not missing as a whole. */
function missingSummary(missing: ObjectRef[], t: ReportStrings, max = 6): string {
  const tables = missing.filter((o) => o.kind === 'table').map((o) => o.name);
  const gone = new Set(tables);
  // A serial's sequence goes with its table: `chat_messages_id_seq` says nothing new.
  const rest = missing.filter((o) => o.kind !== 'table' && !(o.table && gone.has(o.table)) && !(o.kind === 'sequence' && tables.some((tb) => o.name.startsWith(`${tb}_`))));
  const names = [...tables.map(code), ...rest.map((o) => `${o.altered ? `${t.alteredObject} ` : ''}${t.objectKind[o.kind]} ${code(o.table ? `${o.table}.${o.name}` : o.name)}`)];
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} ${t.andMore(names.length - max)}`;
}

function outsideTheMigrations(v: View, t: ReportStrings): string[] {
  const { report } = v;
  const lines: string[] = [];
  if (report.extra.length) {
    lines.push('', `### ${t.heading.extra}`, '', t.extraIntro, '');
    for (const o of report.extra) lines.push(`- ${t.objectKind[o.kind]} ${code(o.table ? `${o.table}.${o.name}` : o.name)}`);
  }
  if (report.invalidIndexes.length) lines.push('', t.invalidIndexes, '', ...report.invalidIndexes.map((i) => `- ${code(i)}`));
  if (report.different.length) {
    lines.push('', t.objectDifferences, '');
    for (const d of report.different) lines.push(`- ${t.objectKind[d.object.kind]} ${code(d.object.table ? `${d.object.table}.${d.object.name}` : d.object.name)}: ${quoted(d.detail, v)}`);
  }
  if (report.modelDiff.changedTables.length) lines.push('', t.modelDifferences, '', ...report.modelDiff.changedTables.map((c) => `- ${t.modelDifference(c, code)}`));
  return lines;
}

// ─── 3. Causes considered ───────────────────────────────────────────────────

function causes(v: View, t: ReportStrings): string[] {
  const { diagnosis, report } = v;
  const lines = [`## ${t.heading.causes}`, ''];
  if (report.inSync) return [...lines, t.nothingToExplain, '', t.verdictInSync];
  lines.push(t.causesIntro);
  const ranked = diagnosis.hypotheses.filter((h) => h.id !== 'unknown' && h.id !== 'in-sync');
  ranked.forEach((h, i) => lines.push('', `### ${i + 1}. ${t.causeTitle[h.id]} — ${percent(h.confidence)}%`, '', t.causeSummary(h.id, h.summary), '', ...evidenceList(h.evidence, v, t)));
  const gaps = diagnosis.hypotheses.filter((h) => h.id === 'unknown').flatMap((h) => h.evidence);
  if (gaps.length) lines.push('', `### ${t.heading.gaps}`, '', ...evidenceList(gaps, v, t));
  lines.push('', topVerdict(v, t));
  if (diagnosis.refusal) lines.push('', t.refused, '', `> ${md(diagnosis.refusal)}`);
  const partly = report.migrations.filter((m) => m.presence === 'partial').map((m) => m.name);
  lines.push('', `${t.repairMeans} ${t.repairHint(diagnosis.verdict, diagnosis.repairHint, partly)}`);
  return lines;
}

function evidenceList(items: Evidence[], v: View, t: ReportStrings): string[] {
  if (!items.length) return [t.noEvidence];
  return items.flatMap((e) => {
    const weight = `**${e.weight > 0 ? '+' : e.weight < 0 ? '−' : ''}${Math.abs(e.weight)}**`;
    const own = t.evidenceText(e);
    return [
      `- ${weight} ${own ?? md(e.detail)}`,
      ...(own ? [`  - ${t.verbatim}: «${md(e.detail)}»`] : []),
      ...(e.objects.length ? [`  - ${t.objects}: ${e.objects.map(code).join(', ')}`] : []),
    ];
  });
}

// ─── 4. Decision ────────────────────────────────────────────────────────────

function decision(v: View, t: ReportStrings): string[] {
  const { diagnosis, plan } = v;
  const lines = [`## ${t.heading.decision}`, ''];
  if (v.report.inSync) lines.push(t.nothingToRepair);
  else if (!plan) {
    const rec = diagnosis.recommended;
    const why = diagnosis.refusal ? 'refused' : diagnosis.verdict === 'unknown' ? 'unknown' : 'none';
    lines.push(t.checkOnly, '', rec ? t.recommendedNext(rec, `npx drift-doctor repair --strategy ${rec} --dry-run${v.flags}`) : t.noRecommendation(why));
  } else {
    const rec = diagnosis.recommended;
    lines.push(t.chosen(t.strategyTitle[plan.strategy], plan.strategy), rec === plan.strategy ? t.chosenRecommended : rec ? t.chosenOther(rec) : t.chosenWithoutRecommendation);
    if (plan.applicable) lines.push('', t.consequence(consequenceParts(plan.steps)));
    else lines.push('', t.planRefused, '', `> ${md(plan.refusal ?? '')}`);
  }
  const err = v.r.error;
  if (err) lines.push('', t.runError, '', `> ${md(err.message)}${err.hint ? `  \n> ${md(err.hint)}` : ''}`);
  return lines;
}

function consequenceParts(steps: PlanStep[]) {
  const count = (kind: PlanStep['kind']) => steps.filter((s) => s.kind === kind).length;
  return {
    schema: count('ddl'),
    migrationStatements: count('migration-statement'),
    migrations: new Set(steps.flatMap((s) => (s.kind === 'migration-statement' ? [s.migration] : []))).size,
    recorded: count('ledger-record'),
    unrecorded: count('ledger-unrecord'),
    renamed: count('ledger-rename'),
    afterCommit: steps.filter((s) => s.outsideTransaction).length,
  };
}

// ─── 5. The SQL ─────────────────────────────────────────────────────────────

/** Which steps ran: the per-step timings when apply kept them, else what stepsRun and failedStep imply. */
function stepStates(plan: RepairPlan, result: ApplyResult | null): StepState[] {
  if (!result) return plan.steps.map(() => 'planned');
  if (result.stepTimings) {
    const byIndex = new Map(result.stepTimings.map((s) => [s.index, s.ok]));
    return plan.steps.map((_, i) => (byIndex.has(i) ? (byIndex.get(i) ? 'ran' : 'failed') : 'not-run'));
  }
  const inTx = plan.steps.filter((s) => !s.outsideTransaction).length;
  const failed = result.failedStep;
  const ranInTx = Math.min(result.stepsRun, inTx);
  const ranAfter = Math.max(0, result.stepsRun - inTx);
  return plan.steps.map((s, i) => {
    const [ran, at] = i < inTx ? [ranInTx, i] : [ranAfter, i - inTx];
    if (at < ran) return 'ran';
    return failed && at === ran && failed.outsideTransaction === s.outsideTransaction ? 'failed' : 'not-run';
  });
}

function sqlStatusOf(v: View, plan: RepairPlan, states: StepState[], t: ReportStrings): SqlStatus {
  const { result } = v;
  if (!result) return v.kind === 'stopped' ? { kind: 'stopped' } : { kind: 'planned' };
  const ran = (outside: boolean) => states.filter((s, i) => s === 'ran' && plan.steps[i]?.outsideTransaction === outside).length;
  const duration = t.seconds(result.durationMs);
  if (v.rehearsal) return { kind: 'rehearsed', ok: result.ok, stepsRun: ran(false), duration, afterCommit: plan.steps.filter((s) => s.outsideTransaction).length };
  const failedAt = states.indexOf('failed');
  if (failedAt >= 0 && plan.steps[failedAt]?.outsideTransaction) return { kind: 'phase-failed', failedAt: failedAt + 1 };
  // Steps after COMMIT ran: the transaction committed, whatever the verification said afterwards.
  if (result.ok || ran(true) > 0) return { kind: 'committed', stepsRun: ran(false), duration, afterCommit: ran(true) };
  return { kind: 'rolled-back', failedAt: failedAt >= 0 ? failedAt + 1 : null, total: plan.steps.length };
}

function stepLines(plan: RepairPlan, states: StepState[], from: number, to: number, t: ReportStrings): string[] {
  return plan.steps.slice(from, to).flatMap((s, k) => {
    const state = states[from + k] ?? 'planned';
    const mark = state === 'failed' ? ` — ${t.stepState.failed}` : state === 'not-run' ? ` (${t.stepState['not-run']})` : '';
    return [`-- ${from + k + 1}. ${t.stepComment(s).replace(/\s*\n\s*/g, ' ')}${mark}`, s.sql];
  });
}

function sql(v: View, t: ReportStrings): string[] {
  const { plan, result } = v;
  const lines = [`## ${t.heading.sql}`, ''];
  if (!plan || !plan.applicable || !plan.steps.length) return [...lines, t.noSql];
  const states = stepStates(plan, result);
  const status = sqlStatusOf(v, plan, states, t);
  const inTx = plan.steps.filter((s) => !s.outsideTransaction).length;
  const end = status.kind === 'rehearsed' || status.kind === 'rolled-back' ? 'rollback;' : 'commit;';
  lines.push(t.sqlStatus(status));
  if (v.rehearsedFirst) lines.push('', t.rehearsedFirst(v.rehearsedFirst.ok, v.rehearsedFirst.error));
  lines.push('', ...fenced(['begin;', `-- ${t.setupComment}`, ...stepLines(plan, states, 0, inTx, t), `-- ${t.verifyComment}`, end]));
  if (inTx < plan.steps.length) {
    const after = plan.steps.slice(inTx);
    lines.push('', `### ${t.heading.afterCommit}`, '', t.afterCommitIntro(after.length, after.some((s) => s.kind === 'ledger-record')));
    if (v.rehearsal) lines.push('', t.notRehearsed);
    lines.push('', ...fenced([...stepLines(plan, states, inTx, plan.steps.length, t), `-- ${t.afterCommitVerify}`]));
  }
  if (plan.needsHuman.length) lines.push('', `### ${t.heading.needsHuman}`, '', ...plan.needsHuman.map((h) => `- ${code(h.object)}: ${quoted(h.reason, v)}`));
  if (plan.conflicts.length) {
    lines.push('', `### ${t.heading.conflicts}`, '', `${t.reconciled}:`, '');
    for (const c of plan.conflicts) lines.push(`- ${code(c.migration)}: ${code(c.statement.replace(/\s+/g, ' '))} — ${quoted(c.problem, v)}`);
  }
  if (result?.journalPath) {
    const p = /^[\w./-]+$/.test(result.journalPath) ? result.journalPath : `'${result.journalPath.replace(/'/g, `'\\''`)}'`;
    lines.push('', t.journal(result.journalPath), t.undo(`npx drift-doctor undo ${p} --dry-run`));
  }
  if (result?.notes?.length) lines.push('', `### ${t.heading.notes}`, '', ...result.notes.map((n) => `- ${quoted(n, v)}`));
  return lines;
}

// ─── 6. Verification ────────────────────────────────────────────────────────

function verification(v: View, t: ReportStrings): string[] {
  const lines = [`## ${t.heading.verification}`, ''];
  const check = v.verify;
  if (!v.plan) return [...lines, t.notVerifiedCheck];
  if (!v.plan.applicable) return [...lines, t.notVerifiedRefused];
  if (!check) return [...lines, v.kind === 'dry-run' ? t.notVerifiedDryRun : t.notVerifiedFailed];
  if (v.rehearsal) lines.push(t.rehearsalVerification, '');
  if (check.ok) lines.push(v.rehearsal ? t.verifiedInSyncRehearsal : t.verifiedInSync);
  else {
    lines.push(t.verifiedNotInSync, '');
    for (const c of check.checks.filter((x) => !x.ok)) lines.push(`- ${t.checkLabel[c.id]}: ${quoted(c.detail, v)}`);
  }
  lines.push('', `### ${t.heading.checks}`, '', ...table([t.checkColumn.check, t.checkColumn.result], check.checks.map((c) => [t.checkLabel[c.id], c.ok ? '✓' : '✗'])));
  const c = t.countColumn;
  lines.push('', ...table([c.what, c.before, c.after], COUNT_ORDER.map((k) => [t.countLabel[k], String(check.before[k]), String(check.after[k])]), ['l', 'r', 'r']));
  return lines;
}

// ─── 7. Recommendations ─────────────────────────────────────────────────────

const BY_CAUSE: Record<CauseId, RecommendationId[]> = {
  'in-sync': [],
  'dropped-after-apply': ['no-manual-drops'],
  'stamped-without-running': ['never-stamp'],
  'failed-midway': ['transactional-migrations'],
  'recreated-without-migrations': ['restore-with-schema'],
  'out-of-band-objects': ['no-hand-made-objects'],
  'ledger-name-mismatch': ['stable-names'],
  'ledger-elsewhere': ['one-ledger-location'],
  'db-ahead-of-code': ['deploy-matching-revision'],
  'schema-without-ledger': ['schema-via-migrations'],
  unknown: ['investigate'],
};

/** Causes where the schema was built (or not) outside a migrator run at deploy time. */
const OUTSIDE_DEPLOY: CauseId[] = ['stamped-without-running', 'dropped-after-apply', 'out-of-band-objects', 'recreated-without-migrations', 'schema-without-ledger', 'unknown'];
/** Causes where someone changed the schema or the ledger by hand: a DDL log would have named them. */
const BY_HAND: CauseId[] = ['stamped-without-running', 'dropped-after-apply', 'out-of-band-objects', 'unknown'];

/** The verdict, any cause at 20% or more, and for an `unknown` verdict the two closest. */
function advisedCauses(d: Diagnosis): CauseId[] {
  const real = d.hypotheses.filter((h) => h.id !== 'unknown' && h.id !== 'in-sync');
  const picked = real.filter((h, i) => h.id === d.verdict || h.confidence >= 0.2 || (d.verdict === 'unknown' && i < 2)).map((h) => h.id);
  return d.verdict === 'unknown' ? [...picked, 'unknown'] : picked;
}

function recommendationIds(v: View): RecommendationId[] {
  if (v.report.inSync) return ['ci-check'];
  const causes = advisedCauses(v.diagnosis);
  const ids = new Set<RecommendationId>(causes.flatMap((c) => BY_CAUSE[c]));
  if (v.plan?.needsHuman.length) ids.add('needs-human');
  if (v.verify && !v.verify.ok && !v.rehearsal) ids.add('drift-left');
  if (v.plan?.applicable && v.plan.strategy === 'create-all') ids.add('create-all-by-hand');
  if (causes.some((c) => OUTSIDE_DEPLOY.includes(c))) ids.add('migrate-before-start');
  ids.add('ci-check');
  if (causes.some((c) => BY_HAND.includes(c))) ids.add('log-ddl');
  return [...ids];
}

function recommendationFacts(v: View): RecommendationFacts {
  const positive = v.diagnosis.hypotheses.flatMap((h) => h.evidence).filter((e) => e.weight > 0);
  const handMade = positive.flatMap((e) => {
    if (e.kind === 'definition-differs' || e.kind === 'table-without-migration') return e.objects;
    return e.kind === 'pending-but-present' ? e.objects.slice(1) : [];
  });
  return {
    checkCommand: `npx drift-doctor check${v.flags}`,
    handMade: [...new Set(handMade)],
    nonTransactional: v.report.migrations.filter((m) => m.nonTransactional).map((m) => m.name),
    invalidIndexes: v.report.invalidIndexes,
    ledgerWithoutFile: v.report.migrations.filter((m) => !m.hasFile).map((m) => m.name),
    ledger: v.ledger,
  };
}

function recommendations(v: View, t: ReportStrings): string[] {
  const facts = recommendationFacts(v);
  return [`## ${t.heading.recommendations}`, '', ...recommendationIds(v).map((id, i) => `${i + 1}. ${t.recommendation[id](facts)}`)];
}
