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
    u.port = env.PGPORT ?? '5432';
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
  const password = parsed.password ? decodeURIComponent(parsed.password) : (env.PGPASSWORD ?? null);
  return { url, maskedUrl: maskSecrets(url, password), password };
}
