import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every evidence kind the collectors can emit has a documented weight. */
describe('docs/diagnosis.md', () => {
  it('documents every evidence kind with the weight the code uses', () => {
    const code = readFileSync(new URL('../../src/core/diagnosis/collectors.ts', import.meta.url), 'utf8');
    const doc = readFileSync(new URL('../../docs/diagnosis.md', import.meta.url), 'utf8');
    const emitted = [...code.matchAll(/finding\('([a-z-]+)', '([a-z-]+)'/g)].map((m) => `${m[2]}|${m[1]}`);
    expect(emitted.length).toBeGreaterThan(20);
    for (const pair of new Set(emitted)) {
      const [kind, cause] = pair.split('|');
      expect(doc, `${kind} for ${cause}`).toMatch(new RegExp(`\\| \`${kind}\` \\| ${cause} \\|`));
    }
  });
});
