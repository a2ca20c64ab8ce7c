import { parseArgs } from 'node:util';
import { maskSecrets } from '../core/connect/url.js';
import { describePgError, DriftDoctorError, RefusedError } from '../core/errors.js';
import type { DriftEngine, EngineOptions } from '../core/session.js';
import type { ApplyProgress, Strategy } from '../core/types.js';
import { renderApply, renderCheck, renderPlan, renderRehearsal, renderUndo } from '../report/text.js';
import { findScenario, ScenarioRefused, scenarios } from '../scenarios/index.js';

export const USAGE = `drift-doctor — repair a PostgreSQL database whose migration ledger disagrees with its schema

Usage:
  drift-doctor [wizard]                      the interactive wizard (detect → explain → choose → preview → apply → verify)
  drift-doctor check [--json]                detect and explain, read-only
                                             exit 0 in sync, 1 drift found, 2 error, 3 refused or ambiguous
  drift-doctor repair --strategy create-all|rerun|sync-ledger (--dry-run | --rehearse | --yes) [--json]
                                             non-interactive repair; exit 0 only when verification passed
                                             --rehearse runs the plan and verification, then rolls back
                                             --yes writes a journal (--journal DIR, default ./.drift-doctor/journals)
  drift-doctor undo <journal> (--dry-run | --yes) [--force]
                                             put the ledger rows back as they were before that repair;
                                             objects the repair created are listed, never dropped
  drift-doctor scenario <name> --url URL     build a test scenario on an EMPTY database
  drift-doctor demo [--scenario NAME]        embedded PostgreSQL with the incident, then the wizard

Connection (first found wins): --url URL, DATABASE_URL, libpq PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE)
  --schema NAME             application schema (default public)
  --ledger-table NAME       ledger table (default mikro_orm_migrations)
  --ledger-schema NAME      schema of the ledger when it is elsewhere (default: --schema)
  --migrations DIR          migration files (default: the sample application's)
  --entities DIR            entity models, DIR/index.ts (default: the sample application's)
  --lock-timeout MS         repair: wait at most this long for a lock (default 5000)
  --statement-timeout MS    any statement (default 60000)
  --journal DIR             repair --yes: where the journal goes (default ./.drift-doctor/journals)

Scenarios: ${scenarios.map((s) => s.name).join(', ')}`;

const OPTIONS = {
  url: { type: 'string' },
  schema: { type: 'string' },
  'ledger-table': { type: 'string' },
  'ledger-schema': { type: 'string' },
  migrations: { type: 'string' },
  entities: { type: 'string' },
  'lock-timeout': { type: 'string' },
  'statement-timeout': { type: 'string' },
  json: { type: 'boolean' },
  strategy: { type: 'string' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean' },
  rehearse: { type: 'boolean' },
  journal: { type: 'string' },
  force: { type: 'boolean' },
  scenario: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new DriftDoctorError((e as Error).message, 'run drift-doctor --help for the commands and flags');
  }
}

function msOption(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new DriftDoctorError(`${flag} must be a positive number of milliseconds, got "${v}"`, `e.g. ${flag} 5000`);
  return n;
}

function engineOptions(v: Values, extra: Partial<EngineOptions> = {}): EngineOptions {
  const lock = msOption(v['lock-timeout'], '--lock-timeout');
  const stmt = msOption(v['statement-timeout'], '--statement-timeout');
  return {
    ...(v.url ? { url: v.url } : {}),
    ...(v.schema ? { schema: v.schema } : {}),
    ...(v['ledger-table'] ? { ledgerTable: v['ledger-table'] } : {}),
    ...(v['ledger-schema'] ? { ledgerSchema: v['ledger-schema'] } : {}),
    ...(v.migrations ? { migrationsDir: v.migrations } : {}),
    ...(v.entities ? { entitiesDir: v.entities } : {}),
    ...(lock ? { lockTimeoutMs: lock } : {}),
    ...(stmt ? { statementTimeoutMs: stmt } : {}),
    ...(v.journal ? { journalDir: v.journal } : {}),
    ...extra,
  };
}

/** MikroORM and the drivers take a second to load: only when a command needs them. */
async function newEngine(options: EngineOptions): Promise<DriftEngine> {
  const { DriftEngine } = await import('../core/session.js');
  return new DriftEngine(options);
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const STRATEGIES: Strategy[] = ['create-all', 'rerun', 'sync-ledger'];

async function check(engine: DriftEngine, v: Values, io: Io): Promise<number> {
  await engine.connect();
  const outcome = await engine.detect(v.json ? undefined : (p) => io.err(`… ${p.message}`));
  const { report, diagnosis } = outcome;
  if (v.json) io.out(JSON.stringify({ ...report, diagnosis }, null, 2));
  else io.out(renderCheck(report, diagnosis, connectionArgs(v)));
  if (report.inSync) return 0;
  if (diagnosis.refusal || diagnosis.verdict === 'unknown') return 3;
  return 1;
}

async function repair(engine: DriftEngine, v: Values, io: Io): Promise<number> {
  const strategy = v.strategy as Strategy | undefined;
  if (!strategy || !STRATEGIES.includes(strategy)) {
    throw new DriftDoctorError(
      strategy ? `unknown strategy "${strategy}"` : 'repair needs --strategy',
      `use --strategy ${STRATEGIES.join('|')}; run drift-doctor check first, it names the recommended one`,
    );
  }
  if ([v['dry-run'], v.rehearse, v.yes].filter(Boolean).length !== 1) {
    throw new DriftDoctorError('repair needs exactly one of --dry-run (show the plan), --rehearse (run it and roll back) or --yes (apply it)', 'start with --dry-run and read the SQL');
  }
  await engine.connect();
  const outcome = await engine.detect(v.json ? undefined : (p) => io.err(`… ${p.message}`));
  if (outcome.report.inSync) {
    io.out(v.json ? JSON.stringify({ inSync: true, plan: null, result: null }) : 'in sync — nothing to repair');
    return 0;
  }
  const plan = await engine.plan(strategy, outcome);
  if (!plan.applicable) {
    io.out(v.json ? JSON.stringify({ inSync: false, plan, result: null }, null, 2) : renderPlan(plan));
    return 3;
  }
  if (v['dry-run']) {
    io.out(v.json ? JSON.stringify({ inSync: false, plan, result: null }, null, 2) : renderPlan(plan));
    return 0;
  }
  const progress = v.json ? undefined : (p: ApplyProgress) => p.state !== 'running' && io.err(`${p.state === 'done' ? '✓' : '✗'} ${p.index + 1}/${p.total} ${p.step.reason}`);
  if (v.rehearse) {
    const result = await engine.apply(plan, progress, { rehearse: true });
    io.out(v.json ? JSON.stringify({ inSync: false, rehearsal: true, plan, result }, null, 2) : renderRehearsal(plan, result));
    return result.ok ? 0 : 1;
  }
  const result = await engine.apply(plan, progress);
  if (v.json) io.out(JSON.stringify({ inSync: false, plan, result }, null, 2));
  else {
    io.out(renderApply(result));
    for (const n of result.notes ?? []) io.out(`note: ${n}`);
    if (result.journalPath) io.out(`journal: ${result.journalPath}\nundo the ledger changes: npx drift-doctor undo ${result.journalPath} --dry-run`);
  }
  return result.ok ? 0 : 1;
}

async function undo(v: Values, positionals: string[], io: Io): Promise<number> {
  const file = positionals[1];
  if (!file) throw new DriftDoctorError('undo needs the journal a repair wrote', 'drift-doctor undo .drift-doctor/journals/<file>.json --dry-run (repair --yes prints the path after "journal:")');
  if (v['dry-run'] === v.yes) throw new DriftDoctorError('undo needs exactly one of --dry-run (show what it would do) or --yes (restore the ledger)', 'start with --dry-run');
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
    const outcome = await engine.undo(journal, { dryRun: v['dry-run'] === true, force: v.force === true });
    io.out(v.json ? JSON.stringify(outcome, null, 2) : renderUndo(journal, outcome));
    if (outcome.plan.refusal) return 3;
    return !outcome.result || outcome.result.ok ? 0 : 1;
  } finally {
    await engine.close();
  }
}

async function wizard(engine: DriftEngine): Promise<number> {
  const { runWizard } = await import('../ui/ink/run-wizard.js');
  return runWizard(engine, { target: engine.target });
}

async function scenarioCommand(v: Values, positionals: string[], io: Io): Promise<number> {
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
    await scenario.build({ url: settings.url, log: (l) => io.err(l) });
  } catch (e) {
    if (e instanceof ScenarioRefused) throw new RefusedError(e.message, 'createdb a new database and pass its URL; nothing was done to this one');
    throw describePgError(e, (s) => mask(s, settings.password));
  }
  io.out(`built ${scenario.id} ${scenario.name}: ${scenario.title}\nnext: npx drift-doctor check --url ${maskSecrets(url, null)}`);
  return 0;
}

async function demo(v: Values, io: Io): Promise<number> {
  const scenario = findScenario(v.scenario ?? 'seed-incident');
  if (!scenario) throw new DriftDoctorError(`no scenario "${v.scenario}"`, `one of: ${scenarios.map((s) => s.name).join(', ')}`);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    // Say it before spending seconds on the embedded database.
    const { NO_TTY_MESSAGE } = await import('../ui/ink/run-wizard.js');
    io.err(NO_TTY_MESSAGE);
    return 2;
  }
  io.err(`starting the embedded PostgreSQL (PGlite) and building ${scenario.id} ${scenario.name}…`);
  const { startEmbedded } = await import('../embedded/pglite-server.js');
  const server = await startEmbedded();
  try {
    await scenario.build({ url: server.url, embedded: true, log: (l) => io.err(`  ${l}`) });
    const engine = await newEngine(engineOptions(v, { url: server.url, embedded: true }));
    try {
      return await wizard(engine);
    } finally {
      await engine.close();
    }
  } finally {
    await server.stop();
  }
}

/** The one place that knows about commands; returns the exit code. */
/** The connection flags as typed, to repeat in suggestions; a URL with a password is not repeated. */
function connectionArgs(v: Values): string {
  const quote = (x: string) => (/^[\w@%+=:,./-]+$/.test(x) ? x : `'${x.replace(/'/g, `'\\''`)}'`);
  const parts: string[] = [];
  if (v.url) parts.push(`--url ${/:\/\/[^/@]*:[^/@]*@/.test(v.url) ? "'<the same URL>'" : quote(v.url)}`);
  for (const flag of ['schema', 'ledger-table', 'ledger-schema', 'migrations', 'entities'] as const) {
    const value = v[flag];
    if (value) parts.push(`--${flag} ${quote(value)}`);
  }
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** Flags that mean something only to some commands: anything else is a mistake worth saying. */
const COMMAND_FLAGS: Record<string, string[]> = {
  wizard: ['journal'],
  check: ['json'],
  repair: ['json', 'strategy', 'dry-run', 'yes', 'rehearse', 'journal'],
};

function rejectStray(command: string, v: Values, positionals: string[]): void {
  if (positionals.length > 1) {
    throw new DriftDoctorError(`${command} takes no argument "${positionals[1]}"`, 'run drift-doctor --help');
  }
  const own = new Set(COMMAND_FLAGS[command] ?? []);
  const connection = new Set(['url', 'schema', 'ledger-table', 'ledger-schema', 'migrations', 'entities', 'lock-timeout', 'statement-timeout', 'help']);
  const stray = Object.keys(v).filter((k) => !own.has(k) && !connection.has(k));
  if (stray.length) {
    throw new DriftDoctorError(`${command} does not take ${stray.map((k) => `--${k}`).join(', ')}`, 'run drift-doctor --help for what each command takes');
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const { values: v, positionals } = parse(argv);
    const command = positionals[0] ?? 'wizard';
    if (v.help || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === 'scenario') return await scenarioCommand(v, positionals, io);
    if (command === 'demo') return await demo(v, io);
    if (command === 'undo') return await undo(v, positionals, io);
    if (!['wizard', 'check', 'repair'].includes(command)) {
      throw new DriftDoctorError(`unknown command "${command}"`, 'run drift-doctor --help');
    }
    rejectStray(command, v, positionals);
    if (command === 'wizard' && process.stdin.isTTY && process.stdout.isTTY) {
      // Loading the engine takes a second or so; the wizard overwrites this line with where it connects.
      process.stdout.write('drift-doctor · starting…\r');
    }
    const engine = await newEngine(engineOptions(v));
    try {
      if (command === 'check') return await check(engine, v, io);
      if (command === 'repair') return await repair(engine, v, io);
      return await wizard(engine);
    } finally {
      await engine.close();
    }
  } catch (e) {
    if (e instanceof DriftDoctorError) {
      io.err(`drift-doctor: ${e.message}\nWhat to do: ${e.hint}`);
      return e.exitCode;
    }
    io.err(`drift-doctor: unexpected error (a bug): ${maskSecrets((e as Error)?.stack ?? String(e), null)}`);
    return 2;
  }
}
