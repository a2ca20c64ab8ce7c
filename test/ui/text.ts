// Helpers that do not load Ink: a test of run-wizard must let it load Ink itself
// (Ink reads the CI variable once, when it loads).

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;

/** Text as the operator reads it, without colours. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export const tick = (ms = 50) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `predicate` holds for the current frame (engine calls settle asynchronously). */
export async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the screen');
    await tick(10);
  }
}
