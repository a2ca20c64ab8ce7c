import pg from 'pg';
import { describePgError } from '../errors.js';
import type { ConnectionInfo } from '../types.js';
import { maskSecrets, type ConnectionSettings } from './url.js';

export interface OpenedConnection {
  client: pg.Client;
  info: ConnectionInfo;
}

/** Opens one client and describes where it landed. Errors come back masked and in words. */
export async function openConnection(settings: ConnectionSettings, where: { schema: string; ledgerTable: string }): Promise<OpenedConnection> {
  const mask = (s: string) => maskSecrets(s, settings.password);
  const client = new pg.Client({ connectionString: settings.url, connectionTimeoutMillis: 10_000, application_name: 'drift-doctor' });
  // An idle client whose server goes away emits 'error'; without a listener Node would crash.
  client.on('error', () => {});
  try {
    await client.connect();
    const res = await client.query<{ db: string; role: string; version: string; host: string | null; port: number | null }>(
      `select current_database() as db, current_user as role, current_setting('server_version') as version,
              inet_server_addr()::text as host, inet_server_port() as port`,
    );
    const row = res.rows[0]!;
    const url = new URL(settings.url);
    const host = row.host ? row.host.replace(/\/\d+$/, '') : url.hostname || 'local socket';
    return {
      client,
      info: {
        server: `${host}:${row.port ?? (url.port || 5432)}`,
        database: row.db,
        role: row.role,
        schema: where.schema,
        ledgerTable: where.ledgerTable,
        serverVersion: `PostgreSQL ${row.version.split(' ')[0]}`,
        maskedUrl: settings.maskedUrl,
      },
    };
  } catch (e) {
    await client.end().catch(() => {});
    throw describePgError(e, mask);
  }
}
