export interface ScenarioTarget {
  /** URL of the target database (may contain a password; never print it). */
  url: string;
  /** True when the target is the embedded PGlite over its socket: one connection, no CREATE DATABASE, no pg_dump. */
  embedded?: boolean;
  /** Progress lines for the CLI, e.g. "applied 001…008 (run 1)". */
  log?: (line: string) => void;
}

export interface Scenario {
  /** 'S01' … 'S10'. */
  id: string;
  /** 'seed-incident', … */
  name: string;
  title: string;
  /** One paragraph: what was done to the database. */
  done: string;
  /**
   * Builds the state by doing those things for real. Refuses (throws) unless
   * the target's schema `public` has no tables.
   */
  build(target: ScenarioTarget): Promise<void>;
}
