// Run by `npm test` before vitest: makes sure the local PostgreSQL the
// integration tests use is up, starting it when it is down, or says exactly
// what to do. Tests create and drop their own databases.
import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import pg from 'pg';

const url = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function accepts() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function startCluster() {
  let versions = [];
  try {
    versions = readdirSync('/etc/postgresql');
  } catch {
    return false;
  }
  for (const v of versions) {
    try {
      execSync(`pg_ctlcluster --skip-systemctl-redirect ${v} main start`, { stdio: 'inherit' });
    } catch {
      // already running or not startable; the connection check below decides
    }
  }
  return versions.length > 0;
}

if (!(await accepts())) {
  console.log(`PostgreSQL does not answer at ${url.replace(/:[^:@/]*@/, ':***@')}; starting the local cluster…`);
  const tried = startCluster();
  let ok = false;
  for (let i = 0; i < 30 && !ok; i++) {
    ok = await accepts();
    if (!ok) await new Promise((r) => setTimeout(r, 1000));
  }
  if (!ok) {
    console.error(
      tried
        ? 'PostgreSQL did not come up within 30 s. Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'
        : 'No local PostgreSQL found. Install PostgreSQL (apt-get install postgresql) or set TEST_DATABASE_URL to a server where user postgres may create databases.',
    );
    process.exit(1);
  }
}
