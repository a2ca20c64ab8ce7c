import { parseArgs } from 'node:util';
import { DriftDoctorError } from '../core/errors.js';
import type { EngineOptions } from '../core/session.js';
import { scenarios } from '../scenarios/index.js';

export const USAGE = `drift-doctor — repair a PostgreSQL database whose migration ledger disagrees with its schema

Usage:
  drift-doctor [wizard] [--ui auto|ink|plain] the interactive walk (detect → explain → choose → preview → apply → verify)
                                             ink: the full-screen wizard; plain: one question per line (dumb
                                             terminals, screen readers, kubectl exec without -t, answers piped in)
  drift-doctor check [--json]                detect and explain, read-only
  drift-doctor repair --strategy create-all|rerun|sync-ledger (--dry-run | --rehearse | --yes) [--json]
                                             non-interactive repair; exit 0 only when verification passed
                                             --rehearse runs the plan and verification, then rolls back
                                             --yes writes a journal (--journal DIR, default ./.drift-doctor/journals)
  drift-doctor undo <journal> (--dry-run | --yes) [--force] [--json]
                                             put the ledger rows back as they were before that repair;
                                             objects the repair created are listed, never dropped
  drift-doctor scenario <name> --url URL     build a test scenario on an EMPTY database
  drift-doctor demo [--scenario NAME] [--ui auto|ink|plain]
                                             embedded PostgreSQL with the incident, then the wizard

Exit codes: 0 in sync, or repaired and verified · 1 drift found, or verification failed (rolled back) ·
            2 error (URL, connection, flags, files) · 3 refused, or a question only you can answer
            (the message names the flag that answers it)

Connection (first found wins): --url URL, DATABASE_URL, libpq PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE)
  --schema NAME             application schema (default public)
  --ledger SCHEMA.TABLE     where the ledger is (default <schema>.mikro_orm_migrations); or:
  --ledger-table NAME       ledger table (default mikro_orm_migrations)
  --ledger-schema NAME      schema of the ledger when it is elsewhere (default: --schema)
  --migrations DIR          migration files (default: the sample application's)
  --entities DIR            entity models, DIR/index.ts (default: the sample application's)
  --lock-timeout MS         repair: wait at most this long for a lock (default 5000)
  --statement-timeout MS    any statement (default 60000)
  --journal DIR             repair --yes: where the journal goes (default ./.drift-doctor/journals)

Output:
  --json                    check, repair, undo: one JSON document on stdout (schemaVersion 1), also on errors
  --report FILE             check, repair: also write a Markdown incident report to FILE
                            (the wizard offers one at the end; FILE is then the path it proposes)
  --lang en|ru              language of the report (default en)
  --quiet                   only the outcome: no progress, no hints
  --verbose                 progress with elapsed time, missing objects per migration, time per step
  --no-color                no colours (so does NO_COLOR=1); CI=true never starts the full-screen wizard by itself

Scenarios: ${scenarios.map((s) => s.name).join(', ')}`;

const OPTIONS = {
  url: { type: 'string' },
  schema: { type: 'string' },
  ledger: { type: 'string' },
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
  ui: { type: 'string' },
  report: { type: 'string' },
  lang: { type: 'string' },
  quiet: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<typeof parse>['values'];

export function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new DriftDoctorError(unknown ? `unknown flag ${unknown[1]}` : message, 'run drift-doctor --help for the commands and flags');
  }
}

/** The command named in `argv`, read without judging the flags (for the JSON of an error in them). */
export function commandOf(argv: string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) return arg;
    const name = arg.replace(/^--?/, '').split('=')[0]!;
    const option = (OPTIONS as Record<string, { type: string }>)[name];
    if (option?.type === 'string' && !arg.includes('=')) i++;
  }
  return 'wizard';
}

function msOption(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new DriftDoctorError(`${flag} must be a positive number of milliseconds, got "${v}"`, `e.g. ${flag} 5000`);
  return n;
}

/** `--ledger ops.mikro_orm_migrations` (or just a table name) as the two separate flags say it. */
function ledgerOption(v: Values): { ledgerSchema?: string; ledgerTable?: string } {
  if (v.ledger === undefined) {
    return { ...(v['ledger-table'] ? { ledgerTable: v['ledger-table'] } : {}), ...(v['ledger-schema'] ? { ledgerSchema: v['ledger-schema'] } : {}) };
  }
  if (v['ledger-table'] || v['ledger-schema']) {
    throw new DriftDoctorError('--ledger says the same as --ledger-schema and --ledger-table', 'pass either --ledger SCHEMA.TABLE or the two separate flags');
  }
  const at = v.ledger.indexOf('.');
  const [schema, table] = at < 0 ? [undefined, v.ledger] : [v.ledger.slice(0, at), v.ledger.slice(at + 1)];
  if (!table || schema === '') {
    throw new DriftDoctorError(`--ledger "${v.ledger}" is not SCHEMA.TABLE`, 'e.g. --ledger ops.mikro_orm_migrations (a name with a dot in it: use --ledger-schema and --ledger-table)');
  }
  return { ledgerTable: table, ...(schema ? { ledgerSchema: schema } : {}) };
}

export function engineOptions(v: Values, extra: Partial<EngineOptions> = {}): EngineOptions {
  const lock = msOption(v['lock-timeout'], '--lock-timeout');
  const stmt = msOption(v['statement-timeout'], '--statement-timeout');
  return {
    ...(v.url ? { url: v.url } : {}),
    ...(v.schema ? { schema: v.schema } : {}),
    ...ledgerOption(v),
    ...(v.migrations ? { migrationsDir: v.migrations } : {}),
    ...(v.entities ? { entitiesDir: v.entities } : {}),
    ...(lock ? { lockTimeoutMs: lock } : {}),
    ...(stmt ? { statementTimeoutMs: stmt } : {}),
    ...(v.journal ? { journalDir: v.journal } : {}),
    ...extra,
  };
}

/** The connection flags as typed, to repeat in suggestions; a URL with a password is not repeated. */
export function connectionArgs(v: Values): string {
  const quote = (x: string) => (/^[\w@%+=:,./-]+$/.test(x) ? x : `'${x.replace(/'/g, `'\\''`)}'`);
  const parts: string[] = [];
  if (v.url) parts.push(`--url ${/:\/\/[^/@]*:[^/@]*@/.test(v.url) ? "'<the same URL>'" : quote(v.url)}`);
  for (const flag of ['schema', 'ledger', 'ledger-table', 'ledger-schema', 'migrations', 'entities'] as const) {
    const value = v[flag];
    if (value) parts.push(`--${flag} ${quote(value)}`);
  }
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** Flags every command takes. */
const EVERYWHERE = ['url', 'schema', 'ledger', 'ledger-table', 'ledger-schema', 'migrations', 'entities', 'lock-timeout', 'statement-timeout', 'help', 'quiet', 'verbose', 'no-color'];

/** Flags that mean something only to some commands: anything else is a mistake worth saying. */
const COMMAND_FLAGS: Record<string, string[]> = {
  wizard: ['journal', 'ui', 'report', 'lang'],
  check: ['json', 'report', 'lang'],
  repair: ['json', 'strategy', 'dry-run', 'yes', 'rehearse', 'journal', 'report', 'lang'],
  demo: ['scenario', 'ui', 'report', 'lang'],
};

export function rejectStray(command: string, v: Values, positionals: string[]): void {
  if (positionals.length > 1) {
    throw new DriftDoctorError(`${command} takes no argument "${positionals[1]}"`, 'run drift-doctor --help');
  }
  const own = new Set([...(COMMAND_FLAGS[command] ?? []), ...EVERYWHERE]);
  const stray = Object.keys(v).filter((k) => !own.has(k));
  if (stray.length) {
    throw new DriftDoctorError(`${command} does not take ${stray.map((k) => `--${k}`).join(', ')}`, 'run drift-doctor --help for what each command takes');
  }
  if (command === 'demo' && v.url) throw new DriftDoctorError('demo runs on its own embedded database and takes no --url', 'drop --url, or run drift-doctor --url … for the wizard on a real database');
  if (v.quiet && v.verbose) throw new DriftDoctorError('--quiet and --verbose contradict each other', 'pass one of them');
  if (v.lang !== undefined && !['en', 'ru'].includes(v.lang.toLowerCase())) {
    throw new DriftDoctorError(`--lang "${v.lang}" is not a language the report is written in`, 'use --lang en (the default) or --lang ru');
  }
  if (v.lang !== undefined && v.report === undefined && command !== 'wizard' && command !== 'demo') {
    throw new DriftDoctorError('--lang is the language of the report, and no --report FILE was given', `add --report FILE, e.g. --report incident.md --lang ${v.lang}`);
  }
}

/** A question the operator must answer on the command line (exit 3), naming the flag that answers it. */
export function needsAnswer(message: string, hint: string): DriftDoctorError {
  return new DriftDoctorError(message, hint, 3);
}
