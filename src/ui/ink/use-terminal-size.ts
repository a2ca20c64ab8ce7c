import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

/** Rows and columns assumed when the output stream does not say (pipes, tests). */
export const FALLBACK_SIZE = { rows: 24, columns: 80 } as const;

export interface TerminalSize {
  rows: number;
  columns: number;
}

function read(stdout: NodeJS.WriteStream): TerminalSize {
  return {
    rows: stdout.rows > 0 ? stdout.rows : FALLBACK_SIZE.rows,
    columns: stdout.columns > 0 ? stdout.columns : FALLBACK_SIZE.columns,
  };
}

/** The terminal's size, updated when the window is resized. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = () => setSize(read(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
