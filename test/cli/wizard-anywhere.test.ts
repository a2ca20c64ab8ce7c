/**
 * The full-screen wizard on a real pseudo-terminal (util-linux `script`),
 * started from a directory that is not drift-doctor's own, as an operator
 * runs it from their application's repository.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/db.js';

const BIN = path.resolve(import.meta.dirname, '../../bin/drift-doctor');
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasScript)('the wizard on a real terminal, from another directory', () => {
  it('opens on Connect from the temp dir, and q leaves with exit 1 and "nothing was changed"', async () => {
    const db = await createTestDatabase('dd_pty');
    try {
      const command = `${process.execPath} ${BIN} --ui ink --url ${db.url}`;
      const child = spawn('script', ['-qfec', command, '/dev/null'], {
        cwd: os.tmpdir(),
        env: { ...process.env, CI: '', TERM: 'xterm-256color', COLUMNS: '100', LINES: '30' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let screen = '';
      child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
      child.stderr.on('data', (d: Buffer) => (screen += d.toString()));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      const deadline = Date.now() + 60_000;
      while (!screen.includes('Detection only reads') && Date.now() < deadline) {
        if (/unexpected error|ReferenceError/.test(screen)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(screen).not.toMatch(/unexpected error|ReferenceError/);
      expect(screen).toContain('Detection only reads');
      child.stdin.write('q');
      const code = await closed;
      expect(code).toBe(1);
      expect(screen).toContain('nothing was changed');
    } finally {
      await db.drop();
    }
  });
});
