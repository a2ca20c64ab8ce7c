import { Box, Text } from 'ink';
import { WALK, type Screen } from './wizard-state.js';
import { toneColor } from './theme.js';

export interface HeaderProps {
  screen: Screen;
  /** Database name once connected. */
  database: string | null;
  columns: number;
}

const NAMES: Record<Screen, string> = {
  connect: 'Connect',
  detect: 'Detect',
  explain: 'Explain',
  choose: 'Choose',
  preview: 'Preview',
  confirm: 'Confirm',
  apply: 'Apply',
  verify: 'Verify',
  'in-sync': 'In sync',
  error: 'Error',
};

/** Title and where we are in the walk; the walk shortens to `3/8 Explain` on narrow terminals. */
export function Header({ screen, database, columns }: HeaderProps) {
  const at = WALK.indexOf(screen);
  const title = database ? `drift-doctor · ${database}` : 'drift-doctor';
  const full = WALK.map((s) => NAMES[s]).join(' › ').length + title.length + 3 <= columns;
  return (
    <Box marginBottom={1}>
      <Text wrap="truncate-end">
        <Text color={toneColor('heading')} bold>
          {title}
        </Text>
        <Text color={toneColor('dim')}>{'   '}</Text>
        {at < 0 ? (
          <Text bold>{NAMES[screen]}</Text>
        ) : full ? (
          WALK.map((s, i) => (
            <Text key={s}>
              {i > 0 ? <Text color={toneColor('dim')}>{' › '}</Text> : null}
              {s === screen ? (
                <Text color={toneColor('accent')} bold underline>
                  {NAMES[s]}
                </Text>
              ) : (
                <Text color={toneColor('dim')}>{NAMES[s]}</Text>
              )}
            </Text>
          ))
        ) : (
          <Text color={toneColor('accent')} bold>{`${at + 1}/${WALK.length} ${NAMES[screen]}`}</Text>
        )}
      </Text>
    </Box>
  );
}
