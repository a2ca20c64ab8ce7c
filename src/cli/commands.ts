import { maskSecrets } from '../core/connect/url.js';
import type { DetectOutcome } from '../core/engine.js';
import { describePgError, DriftDoctorError, RefusedError } from '../core/errors.js';
import type { DriftEngine, EngineOptions } from '../core/session.js';
import type { ApplyProgress, ApplyResult, DriftReport, RepairPlan, Strategy } from '../core/types.js';
import type { IncidentRecord } from '../report/incident.js';
import { readJournalFile, toolVersion } from '../core/repair/journal.js';
import { describeObject } from '../core/snapshot/objects.js';
import { checkJson, repairJson, undoJson, type RepairMode } from '../report/json.js';
import { emptyApplicationNote, renderApply, renderCheck, renderPlan, renderRehearsal, renderUndo } from '../report/text.js';
import { findScenario, ScenarioRefused, scenarios } from '../scenarios/index.js';
import { connectionArgs, engineOptions, needsAnswer, type Values } from './options.js';
import { setActivity, tracked } from './activity.js';
import { paint } from './paint.js';
import { checkReportPath, writeIncidentReport } from './report-file.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Colour what is printed (the entry point decides; absent means no). */
  color?: boolean;
  /** stdout carries one JSON document: stderr then says only what went wrong. */
  json?: boolean;
}

/** MikroORM and the drivers take a second to load: only when a command needs them. */
export async function newEngine(options: EngineOptions): Promise<DriftEngine> {
  const { DriftEngine } = await import('../core/session.js');
  return new DriftEngine(options);
}

const STRATEGIES: Strategy[] = ['create-all', 'rerun', 'sync-ledger'];

/** Progress lines on stderr: none for --json or --quiet; with elapsed time for --verbose. */
function progress(v: Values, io: Io): ((message: string) => void) | undefined {
  if (v.json || v.quiet) return undefined;
  const start = Date.now();
  return (message) => io.err(v.verbose ? `[${((Date.now() - start) / 1000).toFixed(1).padStart(5)} s] ${message}` : `… ${message}`);
}

/** What the operator reads: plain text (coloured when allowed) or one JSON document. */
function print(io: Io, text: string): void {
  io.out(paint(text, io.color === true));
}

/** The report a `--report FILE` asks for: the language is checked and the path tried before anything runs. */
async function reportRequest(v: Values): Promise<{ file: string; lang: import('../report/incident.js').ReportLang } | null> {
  if (v.report === undefined) return null;
  const { parseReportLang } = await import('../report/incident.js');
  const lang = parseReportLang(v.lang);
  checkReportPath(v.report);
  return { file: v.report, lang };
}

/** What became of a requested report, as the JSON document says it: where it went, or why it did not. */
type ReportOutcome = { reportPath: string } | { reportError: string } | Record<string, never>;

async function writeReportIfAsked(request: Awaited<ReturnType<typeof reportRequest>>, record: IncidentRecord, io: Io): Promise<ReportOutcome> {
  if (!request) return {};
  try {
    const written = await writeIncidentReport(request.file, record, request.lang);
    if (!io.json) io.err(paint(`report: ${written}`, io.color === true));
    return { reportPath: written };
  } catch (e) {
    // What ran has run; the missing report must not hide its outcome or change its exit code.
    const error = e instanceof DriftDoctorError ? e : new DriftDoctorError(String(e), 'write it again with drift-doctor check --report FILE');
    io.err(`drift-doctor: ${error.message.startsWith('the report was not written') ? '' : 'the report was not written: '}${error.message}\nWhat to do: ${error.hint}`);
    return { reportError: error.message };
  }
}

/** A one-line summary of the drift, for --quiet. */
function quietCheck(report: DriftReport, outcome: DetectOutcome): string {
  if (report.inSync) return emptyApplicationNote(report) ? 'in sync, but nothing of this application is here yet (no ledger, no migration has run): check the URL' : 'in sync';
  const c = report.counts;
  const d = outcome.diagnosis;
  const then = d.refusal ? `REFUSED: ${d.refusal}` : d.recommended ? `recommended: ${d.recommended}` : 'no repair recommended: the cause is unclear';
  return `drift: ${c.recordedButMissing} recorded but missing, ${c.recordedPartial} partly present, ${c.pendingButPresent} pending but present, ${c.ledgerWithoutFile} ledger row${c.ledgerWithoutFile === 1 ? '' : 's'} without a file · cause: ${d.verdict} · ${then}`;
}

/** --verbose: what each migration is missing; a missing table stands for its columns, indexes and keys. */
function missingPerMigration(report: DriftReport): string {
  const lines = ['', 'missing, per migration (a missing table includes its columns, indexes and keys):'];
  for (const m of report.migrations) {
    const tables = new Set(m.missing.filter((o) => o.kind === 'table').map((o) => o.name));
    // A serial's sequence (`<table>_<column>_seq`) goes with its table too.
    const ofMissingTable = (o: DriftReport['missing'][number]) =>
      o.table ? tables.has(o.table) : o.kind === 'sequence' && [...tables].some((t) => o.name.startsWith(`${t}_`) && o.name.endsWith('_seq'));
    const own = m.missing.filter((o) => o.kind === 'table' || !ofMissingTable(o));
    if (!own.length && !m.different.length) continue;
    const names = own.map(describeObject);
    lines.push(`  ${m.name}: ${names.join(', ')}${m.different.length ? `${names.length ? ' · ' : ''}${m.different.length} different` : ''}`);
  }
  return lines.length > 2 ? lines.join('\n') : '';
}

/** The per-migration list goes before the verdict's consequences, so `next:` stays the last line. */
function withMissing(text: string, report: DriftReport): string {
  const at = text.indexOf('\n\nwhat this means');
  const missing = missingPerMigration(report);
  return at < 0 ? text + missing : text.slice(0, at) + missing + text.slice(at);
}

function checkExitCode(outcome: DetectOutcome): number {
  if (outcome.report.inSync) return 0;
  if (outcome.diagnosis.refusal || outcome.diagnosis.verdict === 'unknown') return 3;
  return 1;
}

export async function check(engine: DriftEngine, v: Values, io: Io): Promise<number> {
  const request = await reportRequest(v);
  const startedAt = new Date().toISOString();
  await engine.connect();
  const say = progress(v, io);
  const outcome = await engine.detect(say ? (p) => say(p.message) : undefined);
  const code = checkExitCode(outcome);
  const record: IncidentRecord = { toolVersion: toolVersion(), connection: outcome.report.connection, detected: outcome, startedAt, finishedAt: new Date().toISOString() };
  const report = await writeReportIfAsked(request, record, io);
  if (v.json) io.out(JSON.stringify({ ...checkJson(outcome, code), ...report }, null, 2));
  else if (v.quiet) print(io, quietCheck(outcome.report, outcome));
  else print(io, v.verbose ? withMissing(renderCheck(outcome.report, outcome.diagnosis, connectionArgs(v)), outcome.report) : renderCheck(outcome.report, outcome.diagnosis, connectionArgs(v)));
  return code;
}

function repairMode(v: Values): RepairMode {
  const modes = [v['dry-run'] && 'dry-run', v.rehearse && 'rehearse', v.yes && 'apply'].filter((m): m is RepairMode => Boolean(m));
  if (modes.length === 1) return modes[0]!;
  const message = modes.length
    ? 'repair takes only one of --dry-run, --rehearse and --yes'
    : 'repair needs to know how far to go: --dry-run (show the plan), --rehearse (run it and roll back) or --yes (apply it)';
  throw needsAnswer(message, 'start with --dry-run and read the SQL');
}

/** --verbose after an apply or rehearsal: every step with its time. */
function stepTimes(plan: RepairPlan, result: ApplyResult): string {
  const lines = ['', 'steps:'];
  for (const t of result.stepTimings ?? []) {
    const step = plan.steps[t.index];
    if (step) lines.push(`  ${t.ok ? '✓' : '✗'} ${String(t.index + 1).padStart(3)} ${String(t.durationMs).padStart(6)} ms  ${step.reason}`);
  }
  return lines.join('\n');
}

export async function repair(engine: DriftEngine, v: Values, io: Io): Promise<number> {
  const strategy = v.strategy as Strategy | undefined;
  if (!strategy) {
    throw needsAnswer('repair needs to know which repair: --strategy', `use --strategy ${STRATEGIES.join('|')}; drift-doctor check names the recommended one`);
  }
  if (!STRATEGIES.includes(strategy)) {
    throw new DriftDoctorError(`unknown strategy "${strategy}"`, `use --strategy ${STRATEGIES.join('|')}; drift-doctor check names the recommended one`);
  }
  const mode = repairMode(v);
  const request = await reportRequest(v);
  const startedAt = new Date().toISOString();
  await engine.connect();
  const say = progress(v, io);
  const outcome = await engine.detect(say ? (p) => say(p.message) : undefined);
  const finish = async (code: number, plan: RepairPlan | null, result: ApplyResult | null, text: string, extra: Record<string, unknown> = {}) => {
    const record: IncidentRecord = {
      toolVersion: toolVersion(),
      connection: outcome.report.connection,
      detected: outcome,
      plan,
      result,
      rehearsal: mode === 'rehearse',
      verify: result?.verify ?? null,
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    const report = await writeReportIfAsked(request, record, io);
    if (v.json) io.out(JSON.stringify({ ...repairJson({ mode, exitCode: code, outcome, plan, result }), ...extra, ...report }, null, 2));
    else print(io, text);
    return code;
  };
  if (outcome.report.inSync) return finish(0, null, null, 'in sync — nothing to repair');
  const plan = await engine.plan(strategy, outcome);
  if (!plan.applicable) return finish(3, plan, null, renderPlan(plan));
  if (mode === 'dry-run') {
    // Planning needs only read access; say now, not at --yes, what this role could not run.
    const gaps = await engine.privilegeGaps(plan);
    const warning = gaps.length ? `\nnote: role ${outcome.report.connection.role} could not apply this plan: it lacks ${gaps.join('; ')}` : '';
    return finish(0, plan, null, renderPlan(plan) + warning, gaps.length ? { privilegeGaps: gaps } : {});
  }
  const stepProgress = say
    ? (p: ApplyProgress) => {
        if (p.state === 'running') {
          if (v.verbose) say(`step ${p.index + 1}/${p.total}: ${p.step.reason}`);
          return;
        }
        io.err(paint(`${p.state === 'done' ? '✓' : '✗'} ${p.index + 1}/${p.total} ${p.step.reason}`, io.color === true));
      }
    : undefined;
  const apply = async (rehearse: boolean): Promise<ApplyResult> => {
    try {
      return await tracked(engine).apply(plan, stepProgress, { rehearse });
    } catch (e) {
      // Refused (another repair holds the lock) or cut off: the report still says what was planned and why it stopped.
      const error = e instanceof DriftDoctorError ? { message: e.message, hint: e.hint } : { message: String((e as Error)?.message ?? e) };
      await writeReportIfAsked(request, { toolVersion: toolVersion(), connection: outcome.report.connection, detected: outcome, plan, error, rehearsal: rehearse, startedAt, finishedAt: new Date().toISOString() }, io);
      throw e;
    }
  };
  if (mode === 'rehearse') {
    const result = await apply(true);
    const text = v.quiet ? lastLine(renderRehearsal(plan, result)) : renderRehearsal(plan, result);
    return finish(result.ok ? 0 : 1, plan, result, text);
  }
  const result = await apply(false);
  const lines = [v.quiet ? lastLine(renderApply(result)) : renderApply(result)];
  if (v.verbose) lines.push(stepTimes(plan, result));
  if (!v.quiet) for (const n of result.notes ?? []) lines.push(`note: ${n}`);
  if (result.journalPath) {
    // Undo is worth naming only when something was committed.
    const status = readJournalFile(result.journalPath).outcome.status;
    lines.push(`journal: ${result.journalPath}`);
    if (status === 'rolled-back') lines.push('nothing to undo: the repair was rolled back');
    else if (!v.quiet) lines.push(`undo the ledger changes: npx drift-doctor undo ${result.journalPath} --dry-run`);
  }
  return finish(result.ok ? 0 : 1, plan, result, lines.join('\n'));
}

const lastLine = (text: string) => text.split('\n').filter(Boolean).at(-1) ?? '';

export async function undo(v: Values, positionals: string[], io: Io): Promise<number> {
  const file = positionals[1];
  if (!file) throw needsAnswer('undo needs the journal a repair wrote', 'drift-doctor undo .drift-doctor/journals/<file>.json --dry-run (repair --yes prints the path after "journal:")');
  if (v['dry-run'] === v.yes) throw needsAnswer('undo needs exactly one of --dry-run (show what it would do) or --yes (restore the ledger)', 'start with --dry-run');
  const { readJournalFile } = await import('../core/repair/journal.js');
  const journal = readJournalFile(file);
  const env = process.env;
  const given = v.url ?? env.DATABASE_URL ?? (env.PGHOST || env.PGDATABASE || env.PGUSER || env.PGPORT ? 'pg-env' : undefined);
  const recorded = journal.where.maskedUrl;
  if (!given) {
    // The journal knows where the repair ran; reuse that unless it needed a password we never stored.
    if (recorded.includes('***')) {
      throw new DriftDoctorError(`undo needs the connection to ${journal.where.database} on ${journal.where.server}; the journal does not keep passwords`, `pass --url ${recorded.replace('***', '<password>')} (or set PGPASSWORD and --url without it)`);
    }
    v = { ...v, url: recorded };
  }
  const engine = await newEngine(engineOptions(v));
  try {
    if (v.yes) setActivity('applying');
    const outcome = await engine.undo(journal, { dryRun: v['dry-run'] === true, force: v.force === true });
    setActivity(outcome.result?.ok ? 'committed' : 'reading');
    const code = outcome.plan.refusal ? 3 : !outcome.result || outcome.result.ok ? 0 : 1;
    if (v.json) io.out(JSON.stringify(undoJson(outcome, code), null, 2));
    else print(io, renderUndo(journal, outcome));
    return code;
  } finally {
    await engine.close();
  }
}

export async function scenarioCommand(v: Values, positionals: string[], io: Io): Promise<number> {
  const name = positionals[1] ?? v.scenario;
  const scenario = name ? findScenario(name) : undefined;
  if (!scenario) {
    throw new DriftDoctorError(name ? `no scenario "${name}"` : 'scenario needs a name', `one of: ${scenarios.map((s) => s.name).join(', ')}`);
  }
  const url = v.url ?? process.env.DATABASE_URL;
  if (!url) throw new DriftDoctorError('scenario needs --url of an empty database', 'e.g. createdb dd_demo && drift-doctor scenario seed-incident --url postgresql://postgres@127.0.0.1/dd_demo');
  const { maskSecrets: mask, resolveConnection } = await import('../core/connect/url.js');
  const settings = resolveConnection(url, {});
  try {
    await scenario.build({ url: settings.url, log: (l) => (v.quiet ? undefined : io.err(l)) });
  } catch (e) {
    if (e instanceof ScenarioRefused) throw new RefusedError(e.message, 'createdb a new database and pass its URL; nothing was done to this one');
    throw describePgError(e, (s) => mask(s, settings.password));
  }
  print(io, `built ${scenario.id} ${scenario.name}: ${scenario.title}\nnext: npx drift-doctor check --url ${maskSecrets(url, null)}`);
  return 0;
}
