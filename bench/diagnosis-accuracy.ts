// Builds every scenario for real on the local PostgreSQL and prints what the
// diagnosis says about each: scenario, expected cause, reported cause,
// confidence, and the share that is right. Not part of `npm test`.
//   npx tsx bench/diagnosis-accuracy.ts [--url postgresql://postgres@127.0.0.1/postgres] [--embedded] [scenario…]
// --embedded builds each scenario in a fresh in-process PGlite instead (as `demo` does).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DriftEngine } from '../src/core/session.js';
import { scenarios } from '../src/scenarios/index.js';

const adminUrl = process.argv.includes('--url') ? process.argv[process.argv.indexOf('--url') + 1]! : 'postgresql://postgres@127.0.0.1:5432/postgres';
const only = process.argv.slice(2).filter((a) => !a.startsWith('--') && a !== adminUrl);
const embedded = process.argv.includes('--embedded');

/** A database for one scenario: a fresh one on the server, or a fresh PGlite. */
async function target(id: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (embedded) {
    const { startEmbedded } = await import('../src/embedded/pglite-server.js');
    const server = await startEmbedded();
    return { url: server.url, drop: () => server.stop() };
  }
  const name = `dd_bench_${id.toLowerCase()}_${randomBytes(3).toString('hex')}`;
  await admin(`create database "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const rows: { id: string; expected: string; reported: string; confidence: string; ok: boolean; second: string }[] = [];
for (const s of scenarios.filter((x) => !only.length || only.includes(x.name) || only.includes(x.id))) {
  const db = await target(s.id);
  try {
    await s.build({ url: db.url, embedded });
    const engine = new DriftEngine({ url: db.url, embedded });
    try {
      const { diagnosis } = await engine.detect();
      const top = diagnosis.hypotheses[0];
      const second = diagnosis.hypotheses[1];
      rows.push({
        id: `${s.id} ${s.name}`,
        expected: s.name === 'seed-incident' ? 'stamped-without-running|recreated-without-migrations' : s.name,
        reported: diagnosis.verdict,
        confidence: top ? `${Math.round(top.confidence * 100)}%` : '-',
        ok: (s.name === 'seed-incident' ? ['stamped-without-running', 'recreated-without-migrations'] : [s.name]).includes(diagnosis.verdict),
        second: second ? `${second.id} ${Math.round(second.confidence * 100)}%` : '',
      });
    } finally {
      await engine.close();
    }
  } finally {
    await db.drop();
  }
}
const w = (s: string, n: number) => s.padEnd(n).slice(0, n);
console.log(`${w('scenario', 34)} ${w('expected', 30)} ${w('reported', 30)} ${w('conf', 5)} ok  runner-up`);
for (const r of rows) console.log(`${w(r.id, 34)} ${w(r.expected, 30)} ${w(r.reported, 30)} ${w(r.confidence, 5)} ${r.ok ? '✓ ' : '✗ '}  ${r.second}`);
const right = rows.filter((r) => r.ok).length;
console.log(`\n${embedded ? 'embedded PGlite' : adminUrl.replace(/:[^:@/]*@/, ':***@')}: ${right}/${rows.length} right (${Math.round((right / Math.max(1, rows.length)) * 100)}%)`);
