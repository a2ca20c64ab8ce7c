import type { Engine } from '../core/engine.js';

/**
 * What this run has done to the database so far, so that Ctrl-C (SIGINT)
 * can say truthfully what it leaves behind. Only the CLI layer sets it.
 */
export type Activity = 'reading' | 'rehearsing' | 'applying' | 'after-commit' | 'committed';

let current: Activity = 'reading';

export function setActivity(activity: Activity): void {
  current = activity;
}

/** The sentence printed when the operator interrupts this run. */
export function interruptedMessage(): string {
  switch (current) {
    case 'reading':
      return 'interrupted — nothing was changed: the database is untouched.';
    case 'rehearsing':
      return 'interrupted during the rehearsal — nothing was kept: its transaction is rolled back when this connection closes.';
    case 'applying':
      return 'interrupted during the repair — its transaction is rolled back when this connection closes, unless COMMIT had already gone through. Run `npx drift-doctor check` to see which.';
    case 'after-commit':
      return 'interrupted after COMMIT, during the steps that run outside the transaction — the committed part stays; running the same repair again resumes the rest. Run `npx drift-doctor check` first.';
    case 'committed':
      return 'interrupted after the repair committed — the repair stays. Run `npx drift-doctor check` to verify it.';
  }
}

/**
 * The same engine, keeping `current` up to date around `apply`, whichever
 * front end calls it.
 */
export function tracked<E extends Engine>(engine: E): E {
  const apply: Engine['apply'] = async (plan, onProgress, options) => {
    const rehearse = options?.rehearse === true;
    const before = current;
    setActivity(rehearse ? 'rehearsing' : 'applying');
    let result: Awaited<ReturnType<Engine['apply']>> | undefined;
    try {
      result = await engine.apply(
        plan,
        (p) => {
          if (!rehearse && p.state === 'running' && p.step.outsideTransaction) setActivity('after-commit');
          onProgress?.(p);
        },
        options,
      );
      return result;
    } finally {
      // A rehearsal leaves things as they were; a repair that committed (all of it, or its transaction part) stays.
      if (rehearse) setActivity(before);
      else setActivity(result?.ok || current === 'after-commit' ? 'committed' : before);
    }
  };
  return new Proxy(engine, {
    get(target, property) {
      if (property === 'apply') return apply;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
