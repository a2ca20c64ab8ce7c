/**
 * Puts an incident report on disk: the only file system code of the report.
 * Written to a temporary file beside the target, flushed, then renamed, so a
 * reader (or a crash) never meets half a report.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { makeDirectories } from '../core/make-dirs.js';
import { DriftDoctorError } from '../core/errors.js';
import type { ConnectionInfo } from '../core/types.js';

/** `./drift-doctor-report-<database>-<YYYYMMDD-HHMMSS>.md` (UTC), the database name made safe for a file name. */
export function defaultReportPath(connection: ConnectionInfo, now: Date = new Date()): string {
  const safe = connection.database
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '_')
    .replace(/^[_-]+|_+$/g, '')
    .slice(0, 64) || 'database';
  const stamp = now.toISOString().slice(0, 19).replace(/-|:/g, '').replace('T', '-');
  return `./drift-doctor-report-${safe}-${stamp}.md`;
}

/** Why a write failed, in words; the code stays for whoever searches for it. */
function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EISDIR: 'the path is a directory',
    ENAMETOOLONG: 'the file name is too long',
  };
  const said = err.code ? words[err.code] : undefined;
  return said ? `${said} (${err.code})` : err.message ?? String(e);
}

/**
 * Writes `markdown` to `file` atomically (temporary file + rename), creating
 * the parent directories; returns the absolute path. On failure it throws a
 * DriftDoctorError naming the path and what to do, and leaves no file behind.
 */
export function writeReport(file: string, markdown: string): string {
  const target = path.resolve(file);
  const fail = (why: string) =>
    new DriftDoctorError(`cannot write the incident report to ${target}: ${why}`, 'choose another path, in a directory you may write to (e.g. --report ./incident.md)');
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`);
  let created = false;
  try {
    if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw fail('it is a directory');
    makeDirectories(path.dirname(target));
    const fd = openSync(tmp, 'wx', 0o644);
    created = true;
    try {
      const bytes = Buffer.from(markdown, 'utf8');
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    return target;
  } catch (e) {
    if (e instanceof DriftDoctorError) throw e;
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        // Already renamed or never fully made: nothing of ours is left to remove.
      }
    }
    throw fail(reason(e));
  }
}
