import { useState } from 'react';
import { Box, Text } from 'ink';
import type { DriftReport } from '../../core/types.js';
import { detectSummary, migrationHeader, migrationRows } from './detect-lines.js';
import { Lines } from './Lines.js';
import { clampOffset, scrollKey } from './scroll.js';
import { toneColor } from './theme.js';
import { useKeys } from './use-keys.js';
import { Viewport } from './Viewport.js';
import { Working } from './Working.js';

export interface DetectStepProps {
  /** Null while detecting. */
  report: DriftReport | null;
  /** The latest progress message while detecting. */
  message: string | null;
  /** Rows this step may use. */
  height: number;
  width: number;
  onContinue: () => void;
}

/** Per-migration drift: what the ledger says against what exists. */
export function DetectStep({ report, message, height, width, onContinue }: DetectStepProps) {
  const [offset, setOffset] = useState(0);
  const summary = report ? detectSummary(report, width) : [];
  const rows = report ? migrationRows(report.migrations) : [];
  // Heading, summary and column titles stay put; the table scrolls under them (one row for the position line).
  const tableHeight = Math.max(3, height - summary.length - 3);
  const shown = clampOffset(offset, rows.length, tableHeight);
  useKeys((_input, key) => {
    if (!report) return;
    if (key.return) return onContinue();
    const next = scrollKey(key, shown, { total: rows.length, height: tableHeight });
    if (next !== null) setOffset(next);
  });
  if (!report) return <Working message={message ?? 'Detecting…'} />;
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        What the ledger says against what exists
      </Text>
      <Lines lines={summary} />
      <Lines lines={[migrationHeader(report.migrations)]} />
      <Viewport lines={rows} offset={shown} height={tableHeight} />
    </Box>
  );
}
