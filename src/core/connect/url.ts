import { DriftDoctorError } from '../errors.js';

export interface ConnectionSettings {
  /** Full URL, possibly with a password. Never print it; use `maskedUrl`. */
  url: string;
  maskedUrl: string;
  password: string | null;
}

/** Replaces the password of a URL (and any copy of it in text) by `***`. */
export function maskSecrets(text: string, password: string | null): string {
  let out = text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
  if (password && password.length >= 3) out = out.split(password).join('***');
  return out;
}

/** `--url`, else `DATABASE_URL`, else libpq `PG*` variables. */
export function resolveConnection(flagUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  let url = flagUrl ?? env.DATABASE_URL;
  if (!url) {
    if (!env.PGHOST && !env.PGDATABASE && !env.PGUSER && !env.PGPORT) {
      throw new DriftDoctorError(
        'no database to connect to',
        'pass --url postgresql://USER@HOST:PORT/DB, or set DATABASE_URL or the PG* variables (PGHOST, PGDATABASE, PGUSER); try `drift-doctor demo` for the embedded one',
      );
    }
    const u = new URL('postgresql://localhost');
    u.hostname = env.PGHOST ?? 'localhost';
    u.port = validPort(env.PGPORT ?? '5432', 'PGPORT');
    u.username = encodeURIComponent(env.PGUSER ?? env.USER ?? 'postgres');
    if (env.PGPASSWORD) u.password = encodeURIComponent(env.PGPASSWORD);
    u.pathname = `/${encodeURIComponent(env.PGDATABASE ?? env.PGUSER ?? 'postgres')}`;
    url = u.toString();
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DriftDoctorError(
      `the connection URL is not a valid URL: ${maskSecrets(url, null)}`,
      'use the form postgresql://USER:PASSWORD@HOST:PORT/DATABASE',
    );
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new DriftDoctorError(
      `unsupported URL scheme "${parsed.protocol}"`,
      'drift-doctor repairs PostgreSQL databases: use postgresql://USER@HOST:PORT/DATABASE',
    );
  }
  let password: string | null;
  try {
    password = parsed.password ? decodeURIComponent(parsed.password) : (env.PGPASSWORD ?? null);
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.pathname);
  } catch {
    throw new DriftDoctorError(
      `the connection URL has a "%" that is not percent-encoding: ${maskSecrets(url, null)}`,
      'percent-encode special characters in the user, password and database name (a literal % is written %25, @ is %40)',
    );
  }
  if (parsed.pathname === '' || parsed.pathname === '/') {
    throw new DriftDoctorError(`the connection URL names no database: ${maskSecrets(url, password)}`, 'add the database name at the end: postgresql://USER@HOST:PORT/DATABASE');
  }
  // pg falls back to PGPORT when the URL has no port: make the port explicit, and valid.
  if (!parsed.port) {
    parsed.port = validPort(env.PGPORT ?? '5432', 'PGPORT');
    url = parsed.toString();
  }
  return { url, maskedUrl: maskSecrets(url, password), password };
}

function validPort(value: string, source: string): string {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535) {
    throw new DriftDoctorError(`${source} is "${value}", which is not a port number`, `set ${source} to a number between 1 and 65535 (PostgreSQL's default is 5432), or unset it`);
  }
  return value;
}
