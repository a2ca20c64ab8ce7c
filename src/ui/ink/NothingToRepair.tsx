import { Box, Text } from 'ink';
import type { DriftReport } from '../../core/types.js';
import { emptyApplicationNote } from '../../report/text.js';
import { toneColor } from './theme.js';

export interface NothingToRepairProps {
  report: DriftReport;
}

/** Detection found no drift: the end of the walk. */
export function NothingToRepair({ report }: NothingToRepairProps) {
  const c = report.counts;
  const empty = emptyApplicationNote(report);
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        Nothing to repair
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Text>The ledger, the migration files, the live schema and the models agree.</Text>
        <Text color={toneColor('dim')}>{`${c.migrations} migrations, ${c.recorded} recorded, ${c.pending} pending.`}</Text>
        {empty ? <Text color={toneColor('warn')}>{empty}</Text> : null}
      </Box>
      <Box marginTop={1}>
        <Text color={toneColor('ok')} bold>
          verified: in sync
        </Text>
      </Box>
    </Box>
  );
}
