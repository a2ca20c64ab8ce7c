import { Box, Text } from 'ink';
import type { ConnectionInfo } from '../../core/types.js';
import { connectingMessage } from './labels.js';
import { toneColor } from './theme.js';
import { useKeys } from './use-keys.js';
import { Working } from './Working.js';

export interface ConnectStepProps {
  /** Null while connecting. */
  connection: ConnectionInfo | null;
  /** Where it connects, named while it does; a URL's password is masked. */
  target?: string;
  /** How long connecting has taken, while it does. */
  elapsedMs: number;
  width: number;
  onContinue: () => void;
}

/** Where we are connected, so the operator can check it is the right database. */
export function ConnectStep({ connection, target, elapsedMs, width, onContinue }: ConnectStepProps) {
  useKeys((_input, key) => {
    if (key.return && connection) onContinue();
  });
  if (!connection) return <Working message={connectingMessage(target)} ms={elapsedMs} width={width} />;
  const rows: [string, string][] = [
    ['server', connection.server],
    ['database', connection.database],
    ['role', connection.role],
    ['schema', connection.schema],
    ['ledger table', connection.ledgerTable],
    ['server version', connection.serverVersion],
    ['url', connection.maskedUrl],
  ];
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        Connected
      </Text>
      {rows.map(([label, value]) => (
        <Box key={label}>
          <Box width={18} flexShrink={0}>
            <Text color={toneColor('dim')}>{`  ${label}`}</Text>
          </Box>
          <Text bold={label === 'database'}>{value}</Text>
        </Box>
      ))}
      <Box marginTop={1}>
        <Text>Detection only reads. Check this is the database you mean: nothing changes until you confirm.</Text>
      </Box>
    </Box>
  );
}
