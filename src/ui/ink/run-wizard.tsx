import type { Engine } from '../../core/engine.js';
import type { WizardRecord } from './incident-record.js';
import { connectingMessage } from './labels.js';

/** Shown instead of the wizard when there is no terminal to drive it (the caller ends the line). */
export const NO_TTY_MESSAGE =
  'The wizard needs an interactive terminal. Use `drift-doctor check` to detect and ' +
  '`drift-doctor repair --strategy <create-all|rerun|sync-ledger> --dry-run|--yes` to repair without prompts.';

export interface WizardStreams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export interface RunWizardOptions {
  /** The process's own streams when absent. */
  streams?: WizardStreams;
  /** Where the engine connects (a masked URL, `host:port/db`), named while it connects. */
  target?: string;
  /**
   * Renders and writes the incident report `m` offers at the end to the file the operator named (never over
   * an existing one); resolves with where it went. Without it, `m` is not offered.
   */
  writeReport?: (record: WizardRecord, file: string) => Promise<string>;
  /** The name `m` offers for the report (e.g. `--report`); default `./drift-doctor-report-<database>-<time>.md`. */
  reportPath?: string;
}

/** Erases the row the cursor is on, leaving the cursor at its start. */
const CLEAR_ROW = '\r\u001B[2K';

/**
 * Runs the Ink wizard and resolves with the exit code: 0 when verified or
 * nothing to repair, 1 when the operator quit with drift left (or before
 * detection finished), 2 on error or without a terminal, 3 when refused.
 * Never exits the process; the caller owns the engine and closes it.
 */
export async function runWizard(engine: Engine, options: RunWizardOptions = {}): Promise<number> {
  const { stdin, stdout, stderr } = options.streams ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  if (!stdin.isTTY || !stdout.isTTY) {
    stderr.write(`${NO_TTY_MESSAGE}\n`);
    return 2;
  }
  // Loading Ink takes a second or two: say where we are going at once, and let the first frame replace it.
  // One row only, cut to the terminal: a wrapped second row would stay behind when the row is cleared.
  const first = `drift-doctor · ${connectingMessage(options.target)}`;
  const room = (stdout.columns > 0 ? stdout.columns : 80) - 1;
  stdout.write(first.length > room ? `${first.slice(0, Math.max(0, room - 1))}…` : first);
  // Ink renders only its last frame when it believes it runs in CI (a CI variable in the environment,
  // read once when Ink loads). A person at a terminal is not a CI log: the wizard must redraw.
  if (process.env.CI !== undefined) process.env.CI = 'false';
  // Keys typed while Ink loads must not echo: an echoed Enter moves the cursor down a row, and the first
  // frame would then be drawn under this line instead of over it. They wait for the wizard instead.
  const raw = typeof stdin.setRawMode === 'function';
  if (raw) stdin.setRawMode(true);
  let ui: [typeof import('ink'), typeof import('./App.js')];
  try {
    ui = await Promise.all([import('ink'), import('./App.js')]);
  } catch (error) {
    if (raw) stdin.setRawMode(false);
    throw error;
  } finally {
    stdout.write(CLEAR_ROW);
  }
  const [{ render }, { App }] = ui;
  let code = 2;
  let resolveExit: () => void = () => undefined;
  const left = new Promise<void>((resolve) => {
    resolveExit = resolve;
  });
  const onExit = (exitCode: number) => {
    code = exitCode;
    resolveExit();
  };
  // Ctrl+C is ours: it must not kill a running repair, and elsewhere it quits like q.
  const instance = render(<App engine={engine} onExit={onExit} target={options.target} writeReport={options.writeReport} reportPath={options.reportPath} />, {
    stdin,
    stdout,
    stderr,
    exitOnCtrlC: false,
  });
  try {
    await Promise.race([left, instance.waitUntilExit()]);
    instance.unmount();
    await instance.waitUntilExit();
    return code;
  } catch (error) {
    instance.unmount();
    stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  } finally {
    // Ink gives the terminal back when its last key listener goes; this covers a wizard that never listened.
    if (raw) stdin.setRawMode(false);
  }
}
