/**
 * The wizard on the incident fixtures, to look at it for real:
 *   npx tsx test/ui/demo-fixture.tsx [delayMs]
 */
process.env.NODE_ENV = 'production';

const { runWizard } = await import('../../src/ui/ink/run-wizard.js');
const { fixtureEngine } = await import('./fixture-engine.js');
const { connection } = await import('./fixtures.js');

const delayMs = Number(process.argv[2] ?? 150);
const engine = fixtureEngine({ delayMs });
const code = await runWizard(engine, { target: connection.maskedUrl });
await engine.close();
process.stdout.write(`exit code ${code}; apply called ${engine.calls.apply.length} time(s)\n`);
process.exitCode = code;
