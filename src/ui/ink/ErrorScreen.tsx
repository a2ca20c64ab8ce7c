import { Box, Text } from 'ink';
import type { WizardError } from './wizard-state.js';
import { toneColor } from './theme.js';

export interface ErrorScreenProps {
  error: WizardError;
}

/** Whether the database may have been written to when the error happened. */
function touched(error: WizardError): boolean {
  return error.during === 'applying' || error.during === 'verifying';
}

/** An engine error in words, with the way out when there is one. Never a stack trace. */
export function ErrorScreen({ error }: ErrorScreenProps) {
  return (
    <Box flexDirection="column">
      <Text color={toneColor('danger')} bold>
        {`Stopped while ${error.during}`}
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Text color={toneColor('danger')}>{error.message}</Text>
        {error.hint ? <Text>{`What to do: ${error.hint}`}</Text> : null}
      </Box>
      <Box marginTop={1}>
        <Text color={toneColor('dim')}>
          {touched(error)
            ? 'The repair may not have completed: run `drift-doctor check` to see the database as it is now.'
            : 'Nothing was changed.'}
        </Text>
      </Box>
    </Box>
  );
}
