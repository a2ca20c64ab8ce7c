import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedServer {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` — the database name is ignored by PGlite. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded PostgreSQL for `demo`: PGlite in this process, reachable over
 * the wire protocol (MikroORM needs pg). All connections share one session.
 */
export async function startEmbedded(): Promise<EmbeddedServer> {
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 8 });
  await server.start();
  const conn = server.getServerConn();
  const port = conn.split(':').pop();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop().catch(() => {});
      await db.close().catch(() => {});
    },
  };
}
