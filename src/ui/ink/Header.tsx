import { Box } from 'ink';
import type { ConnectionInfo } from '../../core/types.js';
import { headerLines } from './header-lines.js';
import { Lines } from './Lines.js';
import type { Screen } from './wizard-state.js';

export interface HeaderProps {
  screen: Screen;
  /** Where we are connected, once we are. */
  connection: ConnectionInfo | null;
  columns: number;
}

/** Rows the header takes, its margin included. */
export function headerHeight(screen: Screen, connection: ConnectionInfo | null, columns: number): number {
  return headerLines(screen, connection, columns).length + 1;
}

/**
 * Title and where we are in the walk (shortened to `3/8 Explain` on narrow
 * terminals), then the database, role and ledger: the operator always sees
 * which database the keys act on.
 */
export function Header({ screen, connection, columns }: HeaderProps) {
  return (
    <Box marginBottom={1}>
      <Lines lines={headerLines(screen, connection, columns)} />
    </Box>
  );
}
