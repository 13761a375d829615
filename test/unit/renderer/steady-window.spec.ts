import { describe, expect, it } from 'vitest';
import { steadyWindow } from '../../../src-renderer/features/common/steady-window';

const range = (startIndex: number, endIndex: number, count = 20_000, overscan = 1) => ({
  startIndex,
  endIndex,
  overscan,
  count,
});

describe('steady window of a virtual list', () => {
  it('draws the same number of rows wherever the list is scrolled, so no row element is added or removed', () => {
    // 480 px viewport, 34 px rows: 15 or 16 rows partly visible depending on the offset.
    const visibleMax = Math.ceil(480 / 34) + 1;
    const sizes = new Set<number>();
    for (let offset = 0; offset < 34 * 400; offset += 7) {
      const startIndex = Math.floor(offset / 34);
      const endIndex = Math.floor((offset + 479) / 34);
      const rows = steadyWindow(range(startIndex, endIndex), visibleMax);
      sizes.add(rows.length);
      expect(rows[0]).toBeLessThanOrEqual(startIndex);
      expect(rows[rows.length - 1]).toBeGreaterThanOrEqual(endIndex);
    }
    expect([...sizes]).toEqual([visibleMax + 2]);
  });

  it('keeps its size at either end of the list by drawing more rows on the other side', () => {
    expect(steadyWindow(range(0, 14), 16)).toEqual(Array.from({ length: 18 }, (_, i) => i));
    expect(steadyWindow(range(19_986, 19_999), 16)).toEqual(Array.from({ length: 18 }, (_, i) => 19_982 + i));
  });

  it('draws every row of a list shorter than the window, and none of an empty one', () => {
    expect(steadyWindow(range(0, 4, 5), 16)).toEqual([0, 1, 2, 3, 4]);
    expect(steadyWindow(range(0, -1, 0), 16)).toEqual([]);
  });

  it('uses the visible range until the viewport is measured', () => {
    expect(steadyWindow(range(100, 109), 1)).toEqual(Array.from({ length: 12 }, (_, i) => 99 + i));
  });
});
