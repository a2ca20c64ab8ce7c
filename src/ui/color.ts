/**
 * Whether a front end may colour what it writes. One rule for every front end
 * (Ink, plain prompts, text output, SQL highlighting):
 * `NO_COLOR` (any non-empty value) or `--no-color` (which the CLI turns into
 * `NO_COLOR=1` and `FORCE_COLOR=0` before any UI loads, so Ink's chalk agrees)
 * switch colour off; `FORCE_COLOR` (not `0`) switches it on; otherwise colour
 * only goes to a terminal, and not to one that says `TERM=dumb`.
 */
export function colorEnabled(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/**
 * Whether we run under CI (the `CI` variable, as most CI systems set it;
 * `CI=false` or `CI=0` says no). The wizard never starts there on its own, and
 * progress is printed as lines, not animated.
 */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
