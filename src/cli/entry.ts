import { main } from './main.js';

// The only place that exits the process.
const code = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
process.exitCode = code;
// Pools and the embedded database may keep handles open; the work is done.
setTimeout(() => process.exit(code), 50).unref();
