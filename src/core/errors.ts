/**
 * Typed errors that carry the way out. Front ends print `message`, then
 * `hint`; the entry point maps `exitCode`. Nothing else exits the process.
 */
export class DriftDoctorError extends Error {
  constructor(
    message: string,
    /** The next thing to try: a command, a flag, a privilege to grant. */
    readonly hint: string,
    /** 2 = error (URL, connection, config), 3 = refused or ambiguous. */
    readonly exitCode: 2 | 3 = 2,
  ) {
    super(message);
    this.name = 'DriftDoctorError';
  }
}

/**
 * A repair stopped before its first statement (a missing privilege, a
 * journal that cannot be written): front ends may say the database is
 * untouched, even though it stopped while "applying".
 */
export class NothingRanError extends DriftDoctorError {
  readonly nothingRan = true;
  constructor(message: string, hint: string, exitCode: 2 | 3 = 2) {
    super(message, hint, exitCode);
    this.name = 'NothingRanError';
  }
}

/** The operator must decide something before a repair may run (exit 3). */
export class RefusedError extends DriftDoctorError {
  constructor(message: string, hint: string) {
    super(message, hint, 3);
    this.name = 'RefusedError';
  }
}

interface PgLikeError {
  code?: string;
  message?: string;
  table?: string;
  detail?: string;
}

function isPgLike(e: unknown): e is PgLikeError {
  return typeof e === 'object' && e !== null && 'message' in e;
}

/** SQLSTATEs that end the session: the server rolls back whatever was open. */
const SESSION_ENDED = new Set(['57P01', '57P02', '57P05']);

/**
 * True when the session to the server is gone: terminated by the server
 * (SQLSTATE 57P01/57P02/57P05, class 08), or the socket closed under the
 * driver (pg's "Connection terminated", ECONNRESET, EPIPE), which carry no
 * SQLSTATE at all.
 */
export function isConnectionLost(e: unknown): boolean {
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  if (SESSION_ENDED.has(code) || /^08/.test(code) || code === 'ECONNRESET' || code === 'EPIPE') return true;
  if (code) return false;
  // pg reports a socket that closed mid-query without any code.
  const message = String((e as { message?: unknown } | null)?.message ?? '');
  return /Connection terminated|not queryable|connection.*(closed|ended)/i.test(message);
}

/**
 * Turns a driver error into words, by SQLSTATE (never by message text).
 * `mask` removes secrets from whatever the server echoed back.
 */
export function describePgError(e: unknown, mask: (s: string) => string = (s) => s): DriftDoctorError {
  if (e instanceof DriftDoctorError) return e;
  const err: PgLikeError = isPgLike(e) ? e : { message: String(e) };
  const raw = mask(err.message ?? 'unknown error');
  const code = err.code ?? '';
  const byCode: Record<string, [string, string]> = {
    '28P01': ['password authentication failed', 'check the password in the URL or PGPASSWORD'],
    '28000': ['the server refused this role or host', 'check pg_hba.conf and the role name (--url or PGUSER)'],
    '3D000': ['the database does not exist', 'check the database name in --url / DATABASE_URL / PGDATABASE'],
    '42501': ['permission denied', 'connect as a role that may read the catalogs and the ledger (and, to repair, create tables in the schema)'],
    '55P03': ['a lock could not be taken within lock_timeout: another session holds it', 'find the blocking session in pg_stat_activity, wait for it, or raise --lock-timeout'],
    '57014': ['a statement was cancelled (statement_timeout)', 'raise --statement-timeout or run when the database is quieter'],
    '57P01': ['the connection was lost: the server ended this session (pg_terminate_backend by an administrator, or a restart)', 'check the server is up, then run the command again; nothing was committed'],
    '57P02': ['the connection was lost: the server crashed and ended every session', 'wait until the server has recovered, then run the command again; nothing was committed'],
    '57P05': ['the connection was lost: the server ended this idle session (idle_session_timeout)', 'run the command again; nothing was committed'],
    '57P03': ['the server is starting up or shutting down', 'wait until it accepts connections, then run the command again'],
    '25006': ['a write was attempted in a read-only transaction', 'this is a bug in drift-doctor: detection must never write; please report it'],
    '42P07': ['an object already exists', 'the plan predicted it absent; run check again'],
    '42704': ['an object does not exist', 'run check again; the schema changed since the plan was made'],
  };
  const known = byCode[code];
  if (known) return new DriftDoctorError(`${known[0]}: ${raw}`, known[1]);
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT/.test(String((e as { code?: string })?.code ?? ''))) {
    return new DriftDoctorError(
      `cannot reach the server: ${raw}`,
      'check host and port in --url, DATABASE_URL or PGHOST/PGPORT, and that PostgreSQL is running',
    );
  }
  if (isConnectionLost(e)) {
    return new DriftDoctorError(`the connection was lost: ${raw}`, 'check the server is up, then run the command again; nothing was committed');
  }
  // pg raises this one without a SQLSTATE: the server answered the SSL request with "no".
  if (/does not support SSL/i.test(raw)) {
    return new DriftDoctorError(`the server does not accept SSL connections, but the URL asks for them`, 'remove sslmode=require (or ssl=true) from the URL, or enable SSL on the server');
  }
  return new DriftDoctorError(raw, code ? `PostgreSQL error ${code}; run check again for a fresh view` : 'run check again');
}
