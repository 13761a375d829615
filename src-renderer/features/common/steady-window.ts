import type { Range } from '@tanstack/react-virtual';

/**
 * The rows to draw: the visible ones plus `overscan` on each side, always `visibleMax + 2 ×
 * overscan` of them (fewer only when the list is shorter). The default window grows and shrinks
 * by a row as the scroll offset moves within a row; each added or removed row element made
 * Chromium lay out the whole page again (and recount every list on it), where a steady count
 * only changes the rows' text and offsets. `visibleMax` is the most rows the viewport can show
 * at once (part of a row at each edge); before the viewport is measured the visible range is used.
 */
export function steadyWindow(range: Range, visibleMax: number): number[] {
  const visible = range.endIndex - range.startIndex + 1;
  const size = Math.min(range.count, Math.max(visible, visibleMax) + 2 * range.overscan);
  const start = Math.max(0, Math.min(range.startIndex - range.overscan, range.count - size));
  const indexes = new Array<number>(size);
  for (let i = 0; i < size; i++) indexes[i] = start + i;
  return indexes;
}
