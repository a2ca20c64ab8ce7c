import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How often a running timer redraws: often enough for tenths of a second. */
const TICK_MS = 100;

/**
 * The wizard's clock read now, re-read every tick while `running` (a spinner
 * shows elapsed time); still otherwise, so an idle screen does not redraw.
 * `onTick` runs first in the same task, so what it sends is drawn in the
 * same frame as the new time.
 */
export function useNow(clock: () => number, running: boolean, onTick?: () => void): number {
  const [now, setNow] = useState(clock);
  const tick = useRef(onTick);
  useLayoutEffect(() => {
    tick.current = onTick;
  });
  useEffect(() => {
    setNow(clock());
    if (!running) return undefined;
    const timer = setInterval(() => {
      tick.current?.();
      setNow(clock());
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [clock, running]);
  return now;
}
