import { describe, expect, it } from 'vitest';
import { objectLines } from '../../src/ui/ink/object-lines.js';
import * as incident from './fixtures.js';
import { stripAnsi } from './helpers.js';

const text = (lines: ReturnType<typeof objectLines>) => lines.map((l) => stripAnsi(l.map((s) => s.text).join(''))).join('\n');

describe('per-object drift', () => {
  it('what a migration not yet run would make is pending, not missing, and comes last', () => {
    // The incident with its last migration that makes a table not yet run.
    const last = [...incident.report.migrations].reverse().find((m) => m.missing.some((o) => o.kind === 'table'))!;
    const report = { ...incident.report, migrations: incident.report.migrations.map((m) => (m === last ? { ...m, recorded: false } : m)) };
    const pendingMigration = report.migrations.find((m) => !m.recorded && m.missing.length > 0);
    expect(pendingMigration).toBeDefined();
    const out = text(objectLines(report, 100));
    const table = pendingMigration!.missing.find((o) => o.kind === 'table')?.name ?? pendingMigration!.missing[0]!.table!;
    const row = out.split('\n').find((l) => l.includes(`(${pendingMigration!.name})`))!;
    expect(row).toMatch(/pending/);
    expect(row).not.toMatch(/\bmissing\b/);
    expect(out.split('\n')[0]).toMatch(/\d+ pending/);
    // After every missing row.
    const rows = out.split('\n');
    const lastMissing = rows.map((l, i) => (/\bmissing\s/.test(l) && !l.startsWith('Per object') ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
    expect(rows.findIndex((l) => l.includes(table))).toBeGreaterThan(lastMissing);
  });
});
