/** Exchange's JSON dates: ISO 8601 UTC with seven fractional digits and Z. */
export function exchangeDate(value: string | number | null): string | null {
  if (value === null) return null;
  const iso = new Date(value).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}0000Z`;
}
