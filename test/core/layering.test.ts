import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The engine never imports a front end, prints, or exits; only the CLI entry exits. */
describe('layering', () => {
  const core = filesUnder(path.join(root, 'src/core'));

  it('src/core imports no UI (React, Ink, inquirer, src/ui)', () => {
    const offenders = core.filter((f) => /from ['"](react|ink|ink-[\w-]+|@inquirer\/[\w-]+|[./]+\/ui\/[^'"]*)['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('src/core never prints or exits', () => {
    const offenders = core.filter((f) => /\bconsole\.|process\.exit\(/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('only src/cli/entry.ts calls process.exit', () => {
    const all = filesUnder(path.join(root, 'src')).filter((f) => /process\.exit\(/.test(readFileSync(f, 'utf8')));
    expect(all.map((f) => path.relative(root, f))).toEqual(['src/cli/entry.ts']);
  });
});
