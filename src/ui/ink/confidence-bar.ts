/** Cells in a confidence bar. */
export const BAR_CELLS = 10;

/** Clamps a confidence to 0..1; NaN counts as 0. */
function clamp(confidence: number): number {
  if (Number.isNaN(confidence)) return 0;
  return Math.min(1, Math.max(0, confidence));
}

/** `0.82` → `████████░░ 82%`. */
export function confidenceBar(confidence: number, cells = BAR_CELLS): string {
  const value = clamp(confidence);
  const filled = Math.round(value * cells);
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)} ${Math.round(value * 100)}%`;
}
