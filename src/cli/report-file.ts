import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { DriftDoctorError } from '../core/errors.js';
import type { IncidentRecord, ReportLang } from '../report/incident.js';

/**
 * Says before anything runs whether `--report FILE` can be written, so a
 * repair never runs only to find its report has nowhere to go.
 */
export function checkReportPath(file: string): void {
  const absolute = path.resolve(file);
  const unwritable = (why: string) =>
    new DriftDoctorError(`--report ${file}: ${why}`, 'choose a path in a directory you can write to, e.g. --report ./incident.md; nothing was run');
  try {
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isDirectory()) throw unwritable('is a directory');
    if (stat) {
      accessSync(absolute, constants.W_OK);
      return;
    }
    // The nearest directory that exists must let us create what is missing below it.
    let dir = path.dirname(absolute);
    while (!statSync(dir, { throwIfNoEntry: false })) dir = path.dirname(dir);
    if (!statSync(dir).isDirectory()) throw unwritable(`${dir} is not a directory`);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof DriftDoctorError) throw e;
    throw unwritable(`cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Renders and writes the report; returns where it went. Loaded only when a report is asked for. */
export async function writeIncidentReport(file: string, record: IncidentRecord, lang: ReportLang): Promise<string> {
  const [{ renderIncidentReport }, { writeReport }] = await Promise.all([import('../report/incident.js'), import('../report/write.js')]);
  return writeReport(file, renderIncidentReport(record, lang));
}
