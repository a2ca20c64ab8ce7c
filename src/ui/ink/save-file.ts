import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * File names the wizard offers and the one write it does itself: the plan
 * as SQL. The hook calls this; no component touches the file system.
 */

/** `2026-11-21T10-02-13Z`: a UTC time that sorts, and is a valid file name everywhere. */
export function fileStamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

/** A database name made safe for a file name. */
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^\.+/, '_') || 'database';
}

/** `./drift-doctor-plan-agents_prod-2026-11-21T10-02-13Z.sql`, relative to `dir`, as the operator would type it. */
export function defaultPlanPath(database: string, now: Date): string {
  return `.${path.sep}drift-doctor-plan-${safe(database)}-${fileStamp(now)}.sql`;
}

/** Why a write failed, in words, from its error code (never the message text). */
function writeError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EEXIST':
      return `${file} already exists: nothing was overwritten; choose another name`;
    case 'ENOENT':
      return `the folder ${path.dirname(file)} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to write ${file}`;
    case 'EISDIR':
      return `${file} is a folder`;
    case 'ENOSPC':
      return `no space left on the device for ${file}`;
    default:
      return `could not write ${file}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export type SaveResult = { ok: true; path: string } | { ok: false; message: string };

/**
 * Writes `text` to a new file (`file` relative to `dir`), never over an
 * existing one. Resolves with the absolute path, or the reason in words:
 * never throws.
 */
export async function saveNewFile(file: string, text: string, dir: string = process.cwd()): Promise<SaveResult> {
  const typed = file.trim();
  if (typed === '') return { ok: false, message: 'no file name given' };
  // A shell would expand it; the operator typing a path here expects the same.
  const absolute = path.resolve(dir, typed === '~' || typed.startsWith('~/') ? path.join(os.homedir(), typed.slice(1)) : typed);
  try {
    await writeFile(absolute, text, { flag: 'wx', mode: 0o644 });
    return { ok: true, path: absolute };
  } catch (error) {
    return { ok: false, message: writeError(absolute, error) };
  }
}
