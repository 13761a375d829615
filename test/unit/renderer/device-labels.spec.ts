import { describe, expect, it } from 'vitest';
import { dateLabel } from '../../../src-renderer/features/devices/device-labels';

const format = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

describe('device date labels', () => {
  it('names the local day of a time, the same for every time of that day', () => {
    const morning = new Date(2026, 10, 3, 0, 5);
    const evening = new Date(2026, 10, 3, 23, 55);
    expect(dateLabel(morning.toISOString())).toBe(format.format(morning));
    expect(dateLabel(evening.toISOString())).toBe(format.format(morning));
  });

  it('tells days apart, across months and years', () => {
    const days = [
      new Date(2026, 10, 3, 12),
      new Date(2026, 10, 4, 12),
      new Date(2026, 11, 3, 12),
      new Date(2025, 10, 3, 12),
    ];
    const labels = days.map((d) => dateLabel(d.toISOString()));
    expect(labels).toEqual(days.map((d) => format.format(d)));
    expect(new Set(labels).size).toBe(4);
  });

  it('shows a dash for no date and an unreadable date as it came', () => {
    expect(dateLabel(null)).toBe('—');
    expect(dateLabel(undefined)).toBe('—');
    expect(dateLabel('not a date')).toBe('not a date');
  });
});
