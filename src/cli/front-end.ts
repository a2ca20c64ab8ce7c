import { DriftDoctorError } from '../core/errors.js';
import type { Engine } from '../core/engine.js';
import type { IncidentRecord } from '../report/incident.js';
import { colorEnabled, inCi } from '../ui/color.js';
import type { Io } from './commands.js';
import { tracked } from './activity.js';
import { needsAnswer, type Values } from './options.js';
import { writeIncidentReport } from './report-file.js';

/** The two ways to walk the wizard. */
export type Ui = 'ink' | 'plain';

/** What decides between them; the process's own streams and environment in real runs. */
export interface Terminal {
  stdinTty: boolean;
  stdoutTty: boolean;
  /** stdin can be put in raw mode (Ink reads single keys). */
  rawMode: boolean;
  term: string | undefined;
  ci: boolean;
}

export function processTerminal(): Terminal {
  const stdin = process.stdin;
  return {
    stdinTty: stdin.isTTY === true,
    stdoutTty: process.stdout.isTTY === true,
    rawMode: typeof stdin.setRawMode === 'function',
    term: process.env.TERM,
    ci: inCi(),
  };
}

const NO_ONE_TO_ASK =
  'answer from a pipe with --ui plain (one answer per line), or repair without questions: ' +
  'drift-doctor check, then drift-doctor repair --strategy <create-all|rerun|sync-ledger> --dry-run, then --yes';

/**
 * `--ui auto` (the default): the full-screen wizard on a terminal that can do
 * it; plain lines when stdin is a terminal but the screen cannot be driven
 * (TERM=dumb, output piped to `tee`/`script`, no raw mode) or under CI; and no
 * walk at all when nobody can answer (exit 3, naming the flags that answer).
 */
export function pickUi(requested: string | undefined, t: Terminal): Ui {
  const fullScreen = t.stdinTty && t.stdoutTty && t.rawMode && t.term !== 'dumb';
  switch (requested ?? 'auto') {
    case 'plain':
      return 'plain';
    case 'ink':
      if (fullScreen) return 'ink';
      throw needsAnswer(
        t.stdinTty && t.stdoutTty ? 'the full-screen wizard cannot drive this terminal (TERM=dumb or no raw mode)' : 'the full-screen wizard needs a terminal on stdin and stdout',
        t.stdinTty ? 'use --ui plain: the same walk, one question per line' : NO_ONE_TO_ASK,
      );
    case 'auto':
      if (fullScreen && !t.ci) return 'ink';
      if (t.stdinTty) return 'plain';
      throw needsAnswer('the wizard asks questions, and stdin is not a terminal', NO_ONE_TO_ASK);
    default:
      throw new DriftDoctorError(`--ui "${requested}" is not a front end`, 'use --ui auto (the default), --ui ink or --ui plain');
  }
}

/**
 * Writes the incident report the walk offers at its end, to the file the
 * operator chose (the full-screen wizard asks for it), else --report, else a
 * new timestamped name; returns where it went. Never overwrites.
 */
function reportWriter(v: Values): (record: IncidentRecord, file?: string) => Promise<string> {
  return async (record, file) => {
    const [{ parseReportLang }, { defaultReportPath }, { toolVersion }] = await Promise.all([import('../report/incident.js'), import('../report/write.js'), import('../core/repair/journal.js')]);
    return writeIncidentReport(file ?? v.report ?? defaultReportPath(record.connection), { toolVersion: toolVersion(), ...record }, parseReportLang(v.lang));
  };
}

/** Walks the wizard in the chosen front end; resolves with its exit code. */
export async function walk(untracked: Engine, ui: Ui, options: { target: string; v: Values; io: Io }): Promise<number> {
  const engine = tracked(untracked);
  const writeReport = reportWriter(options.v);
  if (ui === 'plain') {
    const { runPlain } = await import('../ui/plain/run-plain.js');
    return runPlain(engine, { target: options.target, color: colorEnabled(process.stdout), offerReport: writeReport });
  }
  const { runWizard } = await import('../ui/ink/run-wizard.js');
  return runWizard(engine, { target: options.target, writeReport, ...(options.v.report ? { reportPath: options.v.report } : {}) });
}
