import { render } from 'ink';
import type { Engine } from '../../core/engine.js';
import { App } from './App.js';

/** Shown instead of the wizard when there is no terminal to drive it. */
export const NO_TTY_MESSAGE =
  'The wizard needs an interactive terminal. Use `drift-doctor check` to detect and ' +
  '`drift-doctor repair --strategy <create-all|rerun|sync-ledger> --dry-run|--yes` to repair without prompts.';

export interface WizardStreams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/**
 * Runs the Ink wizard and resolves with the exit code: 0 when verified or
 * nothing to repair, 1 when the operator quit with drift left, 2 on error or
 * without a terminal. Never exits the process; the caller owns the engine and closes it.
 */
export async function runWizard(engine: Engine, streams?: WizardStreams): Promise<number> {
  const { stdin, stdout, stderr } = streams ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  if (!stdin.isTTY || !stdout.isTTY) {
    stderr.write(`${NO_TTY_MESSAGE}\n`);
    return 2;
  }
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
  const instance = render(<App engine={engine} onExit={onExit} />, {
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
  }
}
