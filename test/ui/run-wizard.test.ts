import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NO_TTY_MESSAGE, runWizard } from '../../src/ui/ink/run-wizard.js';
import { fixtureEngine } from './fixture-engine.js';

function streams(tty: { stdin: boolean; stdout: boolean }) {
  const make = (isTTY: boolean) => Object.assign(new PassThrough(), { isTTY }) as unknown as NodeJS.WriteStream & NodeJS.ReadStream;
  const stderr = make(false);
  let written = '';
  stderr.on('data', (chunk: Buffer) => {
    written += chunk.toString();
  });
  return { stdin: make(tty.stdin), stdout: make(tty.stdout), stderr, written: () => written };
}

describe('runWizard without a terminal', () => {
  it.each([
    { stdin: false, stdout: true },
    { stdin: true, stdout: false },
  ])('stdin TTY %o: does not render, names the flags, exits 2', async (tty) => {
    const io = streams(tty);
    const engine = fixtureEngine();
    const code = await runWizard(engine, io);
    expect(code).toBe(2);
    expect(io.written()).toContain(NO_TTY_MESSAGE);
    expect(io.written()).toContain('drift-doctor repair --strategy <create-all|rerun|sync-ledger> --dry-run|--yes');
    expect(engine.calls.connect).toBe(0);
  });
});
