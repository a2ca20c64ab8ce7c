import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NO_TTY_MESSAGE, runWizard } from '../../src/ui/ink/run-wizard.js';
import { fixtureEngine } from './fixture-engine.js';
import { stripAnsi, waitFor } from './text.js';

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
    const code = await runWizard(engine, { streams: io });
    expect(code).toBe(2);
    // The whole message, ended by one newline (the shell prompt must not follow it on the same line).
    expect(io.written()).toBe(`${NO_TTY_MESSAGE}\n`);
    expect(io.written()).toContain('drift-doctor repair --strategy <create-all|rerun|sync-ledger> --dry-run|--yes');
    expect(engine.calls.connect).toBe(0);
  });
});

describe('runWizard in a terminal', () => {
  function terminal() {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
    const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
    const writes: string[] = [];
    stdout.on('data', (chunk: Buffer) => writes.push(chunk.toString()));
    const streams = {
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: new PassThrough() as unknown as NodeJS.WriteStream,
    };
    return { streams, stdin, writes, text: () => stripAnsi(writes.join('')) };
  }

  it('names the server before Ink has loaded, and q before detection says so and exits 1', async () => {
    const engine = fixtureEngine();
    engine.connect = () => new Promise(() => undefined);
    const t = terminal();
    const running = runWizard(engine, { streams: t.streams, target: 'db.internal:5432/agents_prod' });
    expect(t.writes[0]).toBe('drift-doctor · Connecting to db.internal:5432/agents_prod…');
    // Loading Ink under a loaded CI machine can take seconds.
    await waitFor(() => t.text().includes('q quit'), 30_000);
    t.stdin.write('q');
    expect(await running).toBe(1);
    expect(t.text()).toContain('quit before detection started — nothing was changed');
  });
});
