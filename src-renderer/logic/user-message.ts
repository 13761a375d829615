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

type LocaleOptions = { locale?: string; timeZone?: string };

/**
 * A message for the user built from a finding's data (one line per thing to do): a greeting, the
 * lines numbered when there are several, a thank-you. `changedAt` (the case clock's time of a
 * change the app made) is said in the operator's locale and time zone.
 */
export function userMessageText(lines: readonly string[], options: LocaleOptions & { changedAt?: string } = {}): string {
  const when = options.changedAt !== undefined ? formatClockTime(options.changedAt, options) : undefined;
  const body = lines.length === 1 ? [...lines] : lines.map((line, i) => `${i + 1}. ${line}`);
  return [
    'Hello, about your phone not syncing work mail:',
    ...(when !== undefined ? [`We made a change on our side at ${when}.`] : []),
    ...body,
    'Thank you!',
  ].join('\n');
}

/** The lines to send for a finding's next steps that the user carries out (data from the catalog). */
export function userLinesOf(nextSteps: ReadonlyArray<{ who: string; action?: string | undefined; userMessage?: readonly string[] | undefined }>): string[] {
  // An in-app action's message is for after the change (the Resolved group shows it).
  return nextSteps.filter((s) => s.action === undefined).flatMap((s) => s.userMessage ?? []);
}

/** "10:42 on Thu 26 Nov" in the operator's locale and time zone; '' for an unreadable time. */
export function formatClockTime(iso: string, { locale, timeZone }: LocaleOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const format = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...o, ...(timeZone !== undefined ? { timeZone } : {}) }).format(date);
  return `${format({ hour: '2-digit', minute: '2-digit' })} on ${format({ weekday: 'short', day: 'numeric', month: 'short' })}`;
}
