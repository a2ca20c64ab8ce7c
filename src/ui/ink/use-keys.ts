import { useInput, useStdin, type Key } from 'ink';

/**
 * `useInput` that stays inactive when stdin cannot be put in raw mode (not a
 * TTY): plain `useInput` makes Ink throw "Raw mode is not supported" there.
 */
export function useKeys(handler: (input: string, key: Key) => void, active = true): void {
  const { isRawModeSupported } = useStdin();
  useInput(handler, { isActive: active && isRawModeSupported === true });
}
