import { useState } from 'react';
import { Box, Text } from 'ink';
import type { DriftReport } from '../../core/types.js';
import { detectSummary, migrationHeader, migrationRows } from './detect-lines.js';
import { isWide, lineWidth, sideBySide, type Line } from './lines.js';
import { Lines } from './Lines.js';
import { objectLines } from './object-lines.js';
import { PhaseList } from './PhaseList.js';
import { elapsed, type PhaseRow } from './progress.js';
import { clampOffset, scrollKey } from './scroll.js';
import { toneColor } from './theme.js';
import { useKeys } from './use-keys.js';
import { Viewport } from './Viewport.js';
import { Working } from './Working.js';

export interface DetectStepProps {
  /** Null while detecting. */
  report: DriftReport | null;
  /** Detection's phases so far, while detecting. */
  phases: readonly PhaseRow[];
  /** How long detection has run. */
  elapsedMs: number;
  /** Per-object drift (missing, extra, different per table): instead of the table, or beside it when wide. */
  details: boolean;
  /** Rows this step may use. */
  height: number;
  width: number;
  onContinue: () => void;
}

const GAP = 3;

/** The fixed row above the scrolling part, and the rows that scroll, for the view asked. */
function layout(report: DriftReport, details: boolean, width: number): { head: Line; rows: Line[] } {
  const table = migrationRows(report.migrations);
  const header = migrationHeader(report.migrations);
  if (!details) return { head: header, rows: table };
  const objects = (w: number) => objectLines(report, w);
  if (!isWide(width)) {
    const [head, ...rows] = objects(width);
    return { head: head ?? header, rows };
  }
  // Wide: the table stays, the objects stand beside it.
  const left = Math.max(lineWidth(header), ...table.map(lineWidth));
  const [objectHead, ...objectRows] = objects(width - left - GAP);
  return { head: sideBySide([header], objectHead ? [objectHead] : [], left, GAP)[0] ?? header, rows: sideBySide(table, objectRows, left, GAP) };
}

/** Per-migration drift: what the ledger says against what exists; per object with `d`. */
export function DetectStep({ report, phases, elapsedMs, details, height, width, onContinue }: DetectStepProps) {
  const [offset, setOffset] = useState(0);
  // The other view (table or per object) is another list: it opens at its top, not at the old one's row.
  const [shownDetails, setShownDetails] = useState(details);
  if (shownDetails !== details) {
    setShownDetails(details);
    setOffset(0);
  }
  const summary = report ? detectSummary(report, width) : [];
  const view = report ? layout(report, details, width) : { head: [], rows: [] };
  // Heading, summary and column titles stay put; the rest scrolls under them (one row for the position line).
  const tableHeight = Math.max(3, height - summary.length - 3);
  const shown = clampOffset(offset, view.rows.length, tableHeight);
  useKeys((_input, key) => {
    if (!report) return;
    if (key.return) return onContinue();
    const next = scrollKey(key, shown, { total: view.rows.length, height: tableHeight });
    if (next !== null) setOffset(next);
  });
  if (!report) {
    return (
      <Box flexDirection="column">
        <Text color={toneColor('heading')} bold wrap="truncate-end">
          {'Detecting — read-only, nothing is written'}
          <Text color={toneColor('dim')} bold={false}>{` · ${elapsed(elapsedMs)}`}</Text>
        </Text>
        <Box marginBottom={1} />
        {phases.length > 0 ? <PhaseList rows={phases} width={width} /> : <Working message="starting detection" ms={elapsedMs} width={width} />}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text color={toneColor('heading')} bold>
        What the ledger says against what exists
      </Text>
      <Lines lines={summary} />
      <Lines lines={[view.head]} />
      <Viewport lines={view.rows} offset={shown} height={tableHeight} />
    </Box>
  );
}
