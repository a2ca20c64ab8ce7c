import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef } from 'react';
import { useInput, useStdin, type Key } from 'ink';

/** Handles one keypress. */
export type KeyHandler = (input: string, key: Key) => void;

/** Lets steps receive keys through the container's one listener. */
export interface KeyRouter {
  register(handler: KeyHandler): () => void;
}

export const KeyRouterContext = createContext<KeyRouter | null>(null);

/** A handler that always calls the latest `handler` passed in a render. */
function useLatest(handler: KeyHandler): KeyHandler {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  return useCallback<KeyHandler>((input, key) => latest.current(input, key), []);
}

/**
 * `useInput` that stays inactive when stdin cannot be put in raw mode (not a
 * TTY): plain `useInput` makes Ink throw "Raw mode is not supported" there.
 */
function useRawInput(handler: KeyHandler, active: boolean): void {
  const { isRawModeSupported } = useStdin();
  useInput(handler, { isActive: active && isRawModeSupported === true });
}

/**
 * Keys for a step. Inside a wizard the step registers with the container's
 * router in a layout effect, so it hears the very next key after it appears
 * (`useInput` subscribes in a passive effect, which can run after that key
 * arrives). Rendered alone, the step listens itself.
 */
export function useKeys(handler: KeyHandler, active = true): void {
  const router = useContext(KeyRouterContext);
  const stable = useLatest(handler);
  useLayoutEffect(() => {
    if (!router || !active) return undefined;
    return router.register(stable);
  }, [router, active, stable]);
  useRawInput(stable, router === null && active);
}

/**
 * The container's single key listener: `global` sees each key first and
 * returns true when it used it; otherwise the registered steps get it.
 */
export function useKeyRouter(global: (input: string, key: Key) => boolean): KeyRouter {
  const handlers = useRef(new Set<KeyHandler>());
  const first = useRef(global);
  useLayoutEffect(() => {
    first.current = global;
  });
  const dispatch = useCallback<KeyHandler>((input, key) => {
    if (first.current(input, key)) return;
    for (const handler of [...handlers.current]) handler(input, key);
  }, []);
  useRawInput(dispatch, true);
  return useMemo<KeyRouter>(
    () => ({
      register(handler) {
        handlers.current.add(handler);
        return () => {
          handlers.current.delete(handler);
        };
      },
    }),
    [],
  );
}
