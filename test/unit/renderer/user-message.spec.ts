import { describe, expect, it } from 'vitest';
import { formatClockTime, reproduceMessageFor, userLinesOf, userMessageText } from '../../../src-renderer/logic/user-message';

describe('the message for the user while debug logging is on', () => {
  const expiresAt = '2026-12-06T09:42:00Z';

  it('gives the deadline in the operator’s locale and time zone, not as a GMT string', () => {
    const berlin = reproduceMessageFor('alex@contoso.example', expiresAt, { locale: 'en-GB', timeZone: 'Europe/Berlin' });
    expect(berlin).toContain('at the latest by Sunday 6 December, 10:42');
    expect(berlin).not.toMatch(/GMT|UTC|within the next hour/);
    const seattle = reproduceMessageFor('alex@contoso.example', expiresAt, { locale: 'en-US', timeZone: 'America/Los_Angeles' });
    expect(seattle).toMatch(/at the latest by Sunday, December 6, 01:42\sAM/);
    const german = reproduceMessageFor('alex@contoso.example', expiresAt, { locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(german).toContain('Sonntag, 6. Dezember, 10:42');
  });

  it('is short numbered steps without jargon, and names the mailbox', () => {
    const text = reproduceMessageFor('alex@contoso.example', undefined);
    expect(text).toContain('(alex@contoso.example)');
    expect(text).toContain('Please do this now:');
    expect(text).toMatch(/^1\. Open the Mail app on the phone\.$/m);
    expect(text).not.toMatch(/ActiveSync|debug|log/i);
  });
});

describe('messages for the user from a finding’s data', () => {
  it('numbers several lines, keeps one line as it is, and leaves in-app actions for after the change', () => {
    const steps = [
      { who: 'tier1-in-app', action: 'allow-device', userMessage: ['After the change'] },
      { who: 'user', userMessage: ['Open the Company Portal app.', 'Tap Check compliance.'] },
      { who: 'escalate' },
    ];
    const lines = userLinesOf(steps);
    expect(lines).toEqual(['Open the Company Portal app.', 'Tap Check compliance.']);
    const text = userMessageText(lines);
    expect(text).toMatch(/^1\. Open the Company Portal app\.$/m);
    expect(text).toMatch(/^2\. Tap Check compliance\.$/m);
    expect(userMessageText(['Only this.'])).toMatch(/^Only this\.$/m);
  });

  it('says when the change was made in the operator’s locale and time zone', () => {
    const at = '2026-11-26T09:42:00Z';
    expect(userMessageText(['Open Mail.'], { changedAt: at, locale: 'en-GB', timeZone: 'Europe/Berlin' })).toContain('at 10:42 on Thu 26 Nov');
    expect(formatClockTime(at, { locale: 'en-US', timeZone: 'America/New_York' })).toMatch(/^04:42\sAM on Thu, Nov 26$/);
    expect(formatClockTime('not a time')).toBe('');
  });
});
