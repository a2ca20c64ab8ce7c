import { maskSecrets } from '../core/connect/url.js';
import { DriftDoctorError } from '../core/errors.js';
import { errorJson } from '../report/json.js';
import { findScenario, scenarios } from '../scenarios/index.js';
import { check, newEngine, repair, scenarioCommand, undo, type Io } from './commands.js';
import { pickUi, processTerminal, walk } from './front-end.js';
import { commandOf, engineOptions, parse, rejectStray, USAGE, type Values } from './options.js';

export { USAGE } from './options.js';
export type { Io } from './commands.js';

async function wizard(v: Values, io: Io): Promise<number> {
  const ui = pickUi(v.ui, processTerminal());
  if (ui === 'ink') {
    // Loading the engine takes a second or so; the wizard overwrites this line with where it connects.
    process.stdout.write('drift-doctor · starting…\r');
  }
  const engine = await newEngine(engineOptions(v));
  try {
    return await walk(engine, ui, { target: engine.target, v, io });
  } finally {
    await engine.close();
  }
}

async function demo(v: Values, io: Io): Promise<number> {
  const scenario = findScenario(v.scenario ?? 'seed-incident');
  if (!scenario) throw new DriftDoctorError(`no scenario "${v.scenario}"`, `one of: ${scenarios.map((s) => s.name).join(', ')}`);
  // Say it before spending seconds on the embedded database.
  const ui = pickUi(v.ui, processTerminal());
  io.err(`starting the embedded PostgreSQL (PGlite) and building ${scenario.id} ${scenario.name}…`);
  const { startEmbedded } = await import('../embedded/pglite-server.js');
  const server = await startEmbedded();
  try {
    await scenario.build({ url: server.url, embedded: true, log: (l) => (v.quiet ? undefined : io.err(`  ${l}`)) });
    const engine = await newEngine(engineOptions(v, { url: server.url, embedded: true }));
    try {
      return await walk(engine, ui, { target: engine.target, v, io });
    } finally {
      await engine.close();
    }
  } finally {
    await server.stop();
  }
}

/** `--no-color` means what NO_COLOR says, for every library that colours (Ink's chalk reads FORCE_COLOR). */
function honourNoColor(v: Values): void {
  if (!v['no-color']) return;
  process.env.NO_COLOR = '1';
  process.env.FORCE_COLOR = '0';
}

/** The one place that knows about commands; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  let command = commandOf(argv);
  let json = argv.includes('--json');
  try {
    const { values: v, positionals } = parse(argv);
    command = positionals[0] ?? 'wizard';
    json = v.json === true;
    honourNoColor(v);
    if (v['no-color']) io = { ...io, color: false };
    if (json) io = { ...io, json: true };
    if (v.help || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (command === 'scenario') return await scenarioCommand(v, positionals, io);
    if (command === 'demo') {
      rejectStray(command, v, positionals);
      return await demo(v, io);
    }
    if (command === 'undo') return await undo(v, positionals, io);
    if (!['wizard', 'check', 'repair'].includes(command)) {
      throw new DriftDoctorError(`unknown command "${command}"`, 'run drift-doctor --help');
    }
    rejectStray(command, v, positionals);
    if (command === 'wizard') return await wizard(v, io);
    const engine = await newEngine(engineOptions(v));
    try {
      return command === 'check' ? await check(engine, v, io) : await repair(engine, v, io);
    } finally {
      await engine.close();
    }
  } catch (e) {
    const known = e instanceof DriftDoctorError;
    const exitCode = known ? e.exitCode : 2;
    const message = known ? e.message : `unexpected error (a bug): ${maskSecrets((e as Error)?.stack ?? String(e), null)}`;
    const hint = known ? e.hint : 'report it with the command you ran; nothing was changed unless a repair had started';
    if (json) io.out(JSON.stringify(errorJson(command, exitCode, { message, hint }), null, 2));
    io.err(known ? `drift-doctor: ${message}\nWhat to do: ${hint}` : `drift-doctor: ${message}`);
    return exitCode;
  }
}
