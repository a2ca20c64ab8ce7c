import { Box, Text } from 'ink';
import { checkExhaustive } from '../../core/types.js';
import type { Activity, WizardError } from './wizard-state.js';
import { wrapText } from './lines.js';
import { toneColor, type Tone } from './theme.js';

export interface ErrorScreenProps {
  error: WizardError;
  width: number;
}

/** What became of the database, by what was running when it stopped. */
export function databaseState(during: Activity, nothingRan = false): { touched: boolean; text: string } {
  if (nothingRan) return { touched: false, text: 'untouched — the repair stopped before its first statement; nothing was changed.' };
  switch (during) {
    case 'connecting':
      return { touched: false, text: 'untouched — nothing was changed.' };
    case 'detecting':
    case 'planning':
      return { touched: false, text: 'untouched — nothing was changed (detection only reads).' };
    case 'applying':
      return {
        touched: true,
        text: 'maybe changed: the repair was running. Its transaction rolls back unless COMMIT was reached — run `drift-doctor check` to see the database as it is now.',
      };
    case 'verifying':
      return { touched: true, text: 'changed: the repair was committed, but the check after it did not finish — run `drift-doctor check` to see the database as it is now.' };
    default:
      return checkExhaustive(during);
  }
}

/** The way out when the error carries none. */
export function defaultHint(during: Activity): string {
  switch (during) {
    case 'connecting':
      return 'check the server is up and the URL, role and password are right, then run drift-doctor again.';
    case 'detecting':
    case 'planning':
      return 'act on the message above, then run drift-doctor again; `drift-doctor check` runs the same read-only detection without the wizard.';
    case 'applying':
    case 'verifying':
      return 'run `drift-doctor check`; the repair journal (if one was written) can undo its ledger changes.';
    default:
      return checkExhaustive(during);
  }
}

interface FieldProps {
  label: string;
  text: string;
  tone?: Tone;
  /** Columns for the text beside the label. */
  width: number;
}

/** A labelled paragraph, wrapped under itself (not under its label); pre-wrapped: Ink's wrap left a space at a row's start. */
function Field({ label, text, tone, width }: FieldProps) {
  return (
    <Box>
      <Box width={LABEL_WIDTH} flexShrink={0}>
        <Text bold>{label}</Text>
      </Box>
      <Box flexDirection="column">
        {wrapText(text, width).map((row, i) => (
          <Text key={i} color={toneColor(tone)}>
            {row}
          </Text>
        ))}
      </Box>
    </Box>
  );
}

const LABEL_WIDTH = 'What happened: '.length;

/** An engine error in a box: what happened, what to do next, whether the database was touched. Never a stack trace. */
export function ErrorScreen({ error, width }: ErrorScreenProps) {
  const db = databaseState(error.during, error.nothingRan === true);
  // The box's borders and padding take four columns.
  const room = Math.max(10, width - 4 - LABEL_WIDTH);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={toneColor('danger')} paddingX={1}>
      <Text color={toneColor('danger')} bold>
        {`Stopped while ${error.during}`}
      </Text>
      <Box marginTop={1} flexDirection="column">
        <Field label="What happened:" tone="danger" text={error.message} width={room} />
        <Field label="What to do:" text={error.hint ?? defaultHint(error.during)} width={room} />
        <Field label="Database:" tone={db.touched ? 'warn' : 'ok'} text={db.text} width={room} />
      </Box>
    </Box>
  );
}
