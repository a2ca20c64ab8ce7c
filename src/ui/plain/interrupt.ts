import { QuestionAborted } from './questions.js';

/** The SIGINT listeners of walks, never set aside by another walk. */
const WALKS = new WeakSet<NodeJS.SignalsListener>();

/**
 * Ctrl-C for the whole run, as the Ink wizard treats it: at a question or
 * while detecting it quits (nothing has changed); while a repair or a
 * rehearsal runs it is refused with a sentence, because the repair is one
 * transaction that must finish or roll back by itself.
 *
 * While the walk runs, this is the process's only SIGINT listener: the
 * listeners there before (the CLI's, which exits at once) are set aside and
 * put back by `dispose`. Ink gets the same by raw mode, where Ctrl-C is a
 * key and never a signal; a line-mode terminal sends the signal instead.
 */
export class Interrupt {
  private readonly controller = new AbortController();
  private protecting = 0;
  private readonly onSignal = () => this.interrupt();
  private readonly setAside: NodeJS.SignalsListener[];

  constructor(private readonly say: (line: string) => void) {
    // Another walk's listener (two at once, in tests) stays: it is put away by its own walk.
    this.setAside = process.listeners('SIGINT').filter((l) => !WALKS.has(l));
    for (const listener of this.setAside) process.off('SIGINT', listener);
    WALKS.add(this.onSignal);
    process.on('SIGINT', this.onSignal);
  }

  /** Aborted once the operator quits with Ctrl-C; questions listen to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** What Ctrl-C does now. */
  interrupt(): void {
    if (this.protecting > 0) {
      this.say('Ctrl-C is off while the repair runs: it is one transaction and ends by itself (committed or rolled back).');
      return;
    }
    this.controller.abort();
  }

  /** An engine call that Ctrl-C abandons (it only reads): rejects with `QuestionAborted` on Ctrl-C. */
  race<T>(call: Promise<T>, at: string): Promise<T> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.reject(new QuestionAborted('interrupt', at));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new QuestionAborted('interrupt', at));
      signal.addEventListener('abort', onAbort, { once: true });
      call.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** An engine call that must not be interrupted: Ctrl-C only says so while it runs. */
  async protect<T>(call: () => Promise<T>): Promise<T> {
    this.protecting += 1;
    try {
      return await call();
    } finally {
      this.protecting -= 1;
    }
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
    const now = process.listeners('SIGINT');
    for (const listener of this.setAside) if (!now.includes(listener)) process.on('SIGINT', listener);
  }
}
