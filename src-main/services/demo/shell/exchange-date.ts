/** Exchange's JSON dates: ISO 8601 UTC with seven fractional digits and Z. */
export function exchangeDate(value: string | number | null): string | null {
  if (value === null) return null;
  // Fast path for the scenario's own UTC timestamps (no Date object): a tenant listing formats
  // four dates for each of 20 000 devices.
  if (typeof value === 'string' && WHOLE_SECOND_UTC.test(value)) return `${value.slice(0, 19)}.0000000Z`;
  const iso = new Date(value).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}0000Z`;
}

const WHOLE_SECOND_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
