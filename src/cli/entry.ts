import { colorEnabled } from '../ui/color.js';
import { interruptedMessage } from './activity.js';
import { main } from './main.js';

let answered = false;
// If the event loop drains while main() still waits (a promise nobody settles), never exit 0 silently.
process.on('beforeExit', () => {
  if (answered) return;
  answered = true;
  process.stderr.write('drift-doctor: stopped without an answer (a bug); nothing was changed by this run\n');
  process.exit(2);
});

// A reader that went away (`| tee` ended by the same Ctrl-C, `| head`) is not a crash: what runs finishes, unread.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

// Ctrl-C where no front end handles it (check, repair, undo; the wizards set this aside while they walk):
// say what it leaves behind, then stop. 130 is the shell's code for "ended by SIGINT".
process.on('SIGINT', () => {
  answered = true;
  process.stderr.write(`\ndrift-doctor: ${interruptedMessage()}\n`);
  process.exit(130);
});

// The only place that exits the process.
const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  color: colorEnabled(process.stdout),
});
answered = true;
process.exitCode = code;
// Pools and the embedded database may keep handles open; the work is done.
setTimeout(() => process.exit(code), 50).unref();
