import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p`, one level at a time. Node's own `mkdirSync(dir, { recursive:
 * true })` never returns for a path under /proc (Node 20: it spins at full
 * CPU), which turned `--journal /proc/x` into a hang; a plain mkdir of each
 * missing level fails at once with the real reason.
 */
export function makeDirectories(dir: string, mode = 0o777): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!statSync(at, { throwIfNoEntry: false })) {
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const level of missing) mkdirSync(level, { mode });
}
