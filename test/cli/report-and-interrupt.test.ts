/**
 * `--report FILE --lang en|ru` from the command line on the real incident,
 * and Ctrl-C (SIGINT) to the real binary: it says what it leaves behind.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../faults/support.js';
import { runCli } from '../helpers/cli.js';
import { scenarioDatabases } from '../helpers/scenario.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/drift-doctor');

describe('reports and interruptions from the command line', { timeout: 240_000 }, () => {
  const { build } = scenarioDatabases();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dd-cli-report-'));

  it('repair --yes --report --lang ru writes the Russian report of what ran; check --report the English one of what was found', async () => {
    const db = await build('seed-incident');
    const checkFile = path.join(dir, 'check.md');
    const checked = await runCli(['check', '--report', checkFile, '--url', db.url]);
    expect(checked.code).toBe(1);
    expect(checked.err).toContain(`report: ${checkFile}`);
    const en = readFileSync(checkFile, 'utf8');
    expect(en).toMatch(/^# Incident report/);
    expect(en).toContain('stamped-without-running');
    expect(en).toContain('No SQL was run.');

    // A directory that is not there is refused before anything runs (nothing is created on the way).
    const nowhere = await runCli(['repair', '--strategy', 'create-all', '--yes', '--report', path.join(dir, 'nested', 'x.md'), '--url', db.url]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.err).toContain(`the directory ${path.join(dir, 'nested')} does not exist`);
    // So is a file that is there: a report is never overwritten.
    const again = await runCli(['check', '--report', checkFile, '--url', db.url]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists, and a report is never overwritten');
    expect(readFileSync(checkFile, 'utf8')).toBe(en);

    const file = path.join(dir, 'repair-ru.md');
    const r = await runCli(['repair', '--strategy', 'create-all', '--yes', '--json', '--report', file, '--lang', 'ru', '--url', db.url]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { reportPath: string; plan: { steps: { sql: string }[] } };
    expect(json.reportPath).toBe(file);
    const ru = readFileSync(file, 'utf8');
    expect(ru).toMatch(/^# Отчёт об инциденте/);
    for (const step of json.plan.steps) expect(ru).toContain(step.sql);
    expect(ru).toContain('commit;');
  });

  it('Ctrl-C during detection: exit 130, "nothing was changed", and nothing was', async () => {
    const db = await build('seed-incident');
    const before = await fingerprint(db);
    const child = spawn(process.execPath, [BIN, 'check', '--url', db.url], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Interrupt once detection is under way (its first progress line).
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (err.includes('… ')) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(err).toContain('interrupted — nothing was changed: the database is untouched.');
    expect(await fingerprint(db)).toEqual(before);
  });
});
