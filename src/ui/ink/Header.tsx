import { Box, Text } from 'ink';
import { SIDE_OF, WALK, type Screen } from './wizard-state.js';
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
  rehearse: 'Preview: rehearsing',
  rehearsal: 'Preview: rehearsal',
  'in-sync': 'In sync',
  error: 'Error',
};

/**
 * Title and where we are in the walk; the walk shortens to `3/8 Explain` on
 * narrow terminals. A screen off the walk shows in its step's place.
 */
export function Header({ screen, database, columns }: HeaderProps) {
  const place = SIDE_OF[screen] ?? screen;
  const at = WALK.indexOf(place);
  const name = (s: Screen) => NAMES[s === place ? screen : s];
  const title = database ? `drift-doctor · ${database}` : 'drift-doctor';
  const full = WALK.map(name).join(' › ').length + title.length + 3 <= columns;
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
              {s === place ? (
                <Text color={toneColor('accent')} bold underline>
                  {name(s)}
                </Text>
              ) : (
                <Text color={toneColor('dim')}>{NAMES[s]}</Text>
              )}
            </Text>
          ))
        ) : (
          <Text color={toneColor('accent')} bold>{`${at + 1}/${WALK.length} ${name(place)}`}</Text>
        )}
      </Text>
    </Box>
  );
}
