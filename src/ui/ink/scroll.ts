import type { Key } from 'ink';

/** Largest useful first row for `total` rows shown `height` at a time. */
export function maxOffset(total: number, height: number): number {
  return Math.max(0, total - Math.max(1, height));
}

/** Keeps a first-row offset inside the content. */
export function clampOffset(offset: number, total: number, height: number): number {
  return Math.min(Math.max(0, offset), maxOffset(total, height));
}

/** The offset after a scrolling key, or null when the key does not scroll. */
export function scrollKey(key: Key, offset: number, view: { total: number; height: number }): number | null {
  const { total, height } = view;
  const page = Math.max(1, height - 1);
  let next: number;
  if (key.upArrow) next = offset - 1;
  else if (key.downArrow) next = offset + 1;
  else if (key.pageUp) next = offset - page;
  else if (key.pageDown) next = offset + page;
  else if (key.home) next = 0;
  else if (key.end) next = total;
  else return null;
  return clampOffset(next, total, height);
}

/** The offset that shows row `row`, moving as little as possible from `offset`. */
export function revealRow(row: number, offset: number, view: { total: number; height: number }): number {
  const { total, height } = view;
  if (row < offset) return clampOffset(row, total, height);
  if (row >= offset + height) return clampOffset(row - height + 1, total, height);
  return clampOffset(offset, total, height);
}
