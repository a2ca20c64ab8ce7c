/** Writing the report to disk, choosing its default name, and reading `--lang`. */
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { DriftDoctorError } from '../../src/core/errors.js';
import type { ConnectionInfo } from '../../src/core/types.js';
import { parseReportLang } from '../../src/report/incident.js';
import { defaultReportPath, writeReport } from '../../src/report/write.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'dd-report-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const dir = path.join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

const connection = (database: string): ConnectionInfo => ({
  server: '127.0.0.1:5432', database, role: 'postgres', schema: 'public', ledgerTable: 'mikro_orm_migrations',
  serverVersion: 'PostgreSQL 15.20', maskedUrl: `postgresql://postgres:***@127.0.0.1:5432/${database}`,
});

function thrown(fn: () => unknown): DriftDoctorError {
  try {
    fn();
  } catch (e) {
    // By name: a test that re-imports the module gets another copy of the class.
    expect((e as Error).name).toBe('DriftDoctorError');
    return e as DriftDoctorError;
  }
  throw new Error('expected an error');
}

describe('writeReport', () => {
  it('writes the Markdown, creating missing parent directories, and returns the absolute path', () => {
    const dir = freshDir();
    const relative = path.relative(process.cwd(), path.join(dir, 'a', 'b', 'report.md'));
    const written = writeReport(relative, '# Отчёт\n\nSQL: `select 1`\n');
    expect(written).toBe(path.join(dir, 'a', 'b', 'report.md'));
    expect(path.isAbsolute(written)).toBe(true);
    expect(readFileSync(written, 'utf8')).toBe('# Отчёт\n\nSQL: `select 1`\n');
    expect(readdirSync(path.join(dir, 'a', 'b'))).toEqual(['report.md']);
  });

  it('replaces an existing report by rename: a reader holding the old file still reads it whole', () => {
    const dir = freshDir();
    const file = path.join(dir, 'report.md');
    writeFileSync(file, 'old report\n');
    const fd = openSync(file, 'r');
    try {
      writeReport(file, 'new report\n');
      const buf = Buffer.alloc(64);
      const read = readSync(fd, buf, 0, buf.length, 0);
      expect(buf.subarray(0, read).toString()).toBe('old report\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, 'utf8')).toBe('new report\n');
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('a path under a regular file: an error naming the path and the way out, nothing written', () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'plain-file'), 'x');
    const target = path.join(dir, 'plain-file', 'report.md');
    const e = thrown(() => writeReport(target, '# r\n'));
    expect(e.message).toContain(`cannot write the incident report to ${target}`);
    expect(e.message).toMatch(/ENOTDIR|EEXIST/);
    expect(e.hint).toContain('choose another path');
    expect(e.exitCode).toBe(2);
    expect(readdirSync(dir)).toEqual(['plain-file']);
  });

  it('a path that is a directory: refused before anything is written', () => {
    const dir = freshDir();
    mkdirSync(path.join(dir, 'report.md'));
    const e = thrown(() => writeReport(path.join(dir, 'report.md'), '# r\n'));
    expect(e.message).toBe(`cannot write the incident report to ${path.join(dir, 'report.md')}: it is a directory`);
    expect(readdirSync(dir)).toEqual(['report.md']);
    expect(readdirSync(path.join(dir, 'report.md'))).toEqual([]);
  });
});

describe('writeReport when the final rename fails', () => {
  afterEach(() => {
    vi.doUnmock('node:fs');
    vi.resetModules();
  });

  it('leaves neither the report nor its temporary file, and says what failed', async () => {
    vi.resetModules();
    vi.doMock('node:fs', async (importOriginal) => {
      const fs = await importOriginal<typeof import('node:fs')>();
      return {
        ...fs,
        renameSync: () => {
          throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
        },
      };
    });
    const { writeReport: failingWrite } = await import('../../src/report/write.js');
    const dir = freshDir();
    const target = path.join(dir, 'report.md');
    const e = thrown(() => failingWrite(target, '# r\n'));
    expect(e.message).toBe(`cannot write the incident report to ${target}: EXDEV: cross-device link not permitted`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('defaultReportPath', () => {
  const at = new Date('2026-11-21T10:02:13.456Z');

  it('is ./drift-doctor-report-<database>-<YYYYMMDD-HHMMSS>.md in UTC', () => {
    expect(defaultReportPath(connection('agents_prod'), at)).toBe('./drift-doctor-report-agents_prod-20261121-100213.md');
  });

  it('makes the database name safe for a file name', () => {
    expect(defaultReportPath(connection('../../etc/passwd'), at)).toBe('./drift-doctor-report-etc_passwd-20261121-100213.md');
    expect(defaultReportPath(connection('My DB: "prod"'), at)).toBe('./drift-doctor-report-My_DB_prod-20261121-100213.md');
    expect(defaultReportPath(connection('учёт'), at)).toBe('./drift-doctor-report-учёт-20261121-100213.md');
    expect(defaultReportPath(connection('...'), at)).toBe('./drift-doctor-report-database-20261121-100213.md');
    expect(path.basename(defaultReportPath(connection('x'.repeat(300)), at)).length).toBeLessThan(120);
  });

  it('defaults to now', () => {
    expect(defaultReportPath(connection('db'))).toMatch(/^\.\/drift-doctor-report-db-\d{8}-\d{6}\.md$/);
  });
});

describe('parseReportLang', () => {
  it('English unless told otherwise', () => {
    expect(parseReportLang(undefined)).toBe('en');
    expect(parseReportLang('en')).toBe('en');
    expect(parseReportLang('ru')).toBe('ru');
    expect(parseReportLang(' RU ')).toBe('ru');
  });

  it.each(['de', '', 'russian'])('"%s" is an error naming --lang en|ru', (value) => {
    const e = thrown(() => parseReportLang(value));
    expect(e.message).toBe(`unknown report language "${value}"`);
    expect(e.hint).toContain('--lang en');
    expect(e.hint).toContain('--lang ru');
    expect(e.exitCode).toBe(2);
  });
});
