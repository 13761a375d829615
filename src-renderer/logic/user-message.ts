/**
 * The message the operator pastes to the user while debug logging is on. It is worded here, in
 * the renderer, because only here are the operator's locale and time zone known: the deadline
 * reads "Sunday 6 December at 10:42" as the operator's own clock shows it, not a GMT string.
 */
export function reproduceMessageFor(
  userUpn: string,
  expiresAt: string | undefined,
  options: { locale?: string; timeZone?: string } = {},
): string {
  const deadline = expiresAt !== undefined ? formatDeadline(expiresAt, options) : undefined;
  return [
    `Hello, we are looking into why your phone does not sync mail (${userUpn}).`,
    `Please do this now${deadline !== undefined ? `, and at the latest by ${deadline}` : ''}:`,
    '1. Open the Mail app on the phone.',
    '2. Pull down on the inbox to refresh it.',
    '3. Send a short test message to yourself.',
    'Then reply to tell us the time you did it. Thank you!',
  ].join('\n');
}

function formatDeadline(iso: string, { locale, timeZone }: { locale?: string; timeZone?: string }): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const format = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...o, ...(timeZone !== undefined ? { timeZone } : {}) }).format(date);
  return `${format({ weekday: 'long', day: 'numeric', month: 'long' })}, ${format({ hour: '2-digit', minute: '2-digit' })}`;
}
