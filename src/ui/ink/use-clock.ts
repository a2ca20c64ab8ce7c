import { useEffect, useState } from 'react';

/** How often a running timer redraws: often enough for tenths of a second. */
const TICK_MS = 100;

/**
 * The wizard's clock read now, re-read every tick while `running` (a spinner
 * shows elapsed time); still otherwise, so an idle screen does not redraw.
 */
export function useNow(clock: () => number, running: boolean): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    setNow(clock());
    if (!running) return undefined;
    const timer = setInterval(() => setNow(clock()), TICK_MS);
    return () => clearInterval(timer);
  }, [clock, running]);
  return now;
}
