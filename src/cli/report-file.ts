import { closeSync, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DriftDoctorError } from '../core/errors.js';
import type { IncidentRecord, ReportLang } from '../report/incident.js';

const pickAnother = 'choose a new file in a directory you can write to, e.g. --report ./incident.md';

/**
 * Says before anything runs whether `--report FILE` can be written: its
 * directory exists and takes a new file (tried for real: permissions alone
 * do not tell, e.g. for root or in /proc), and no earlier report is there to
 * be overwritten. A repair never runs only to find its report has nowhere to go.
 */
export function checkReportPath(file: string): void {
  const absolute = path.resolve(file);
  const refuse = (why: string) => new DriftDoctorError(`--report ${file}: ${why}`, `${pickAnother}; nothing was run`);
  let stat;
  try {
    stat = statSync(absolute, { throwIfNoEntry: false });
  } catch (e) {
    throw refuse(`cannot be made there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (stat?.isDirectory()) throw refuse('is a directory');
  if (stat) throw refuse('already exists, and a report is never overwritten');
  const dir = path.dirname(absolute);
  const parent = statSync(dir, { throwIfNoEntry: false });
  if (!parent) throw refuse(`the directory ${dir} does not exist`);
  if (!parent.isDirectory()) throw refuse(`${dir} is not a directory`);
  const probe = path.join(dir, `.drift-doctor-probe-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
    unlinkSync(probe);
  } catch (e) {
    throw refuse(`no new file can be made in ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Renders and writes the report; returns where it went. Never replaces a file that is there. */
export async function writeIncidentReport(file: string, record: IncidentRecord, lang: ReportLang): Promise<string> {
  if (existsSync(file)) throw new DriftDoctorError(`the report was not written: ${path.resolve(file)} already exists, and a report is never overwritten`, pickAnother);
  const [{ renderIncidentReport }, { writeReport }] = await Promise.all([import('../report/incident.js'), import('../report/write.js')]);
  return writeReport(file, renderIncidentReport(record, lang));
}
