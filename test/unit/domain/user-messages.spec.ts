import { describe, expect, it } from 'vitest';
import { catalogSchema } from '../../../src-main/domain/diagnosis/catalog';
import catalog from '../../../assets/findings/catalog.json';

// Messages for the end user (issue 17) are data: every next step that the user carries out has
// one, short and without the words only IT uses, so a new finding gets a message by adding data.
const parsed = catalogSchema.parse(catalog);
// "Microsoft Exchange" is the account type the phone itself offers, so it may be named.
const JARGON = /\b(ActiveSync|EAS|(?<!Microsoft )Exchange|DeviceId|device ID|cmdlet|quarantin\w*|Conditional Access|Entra|Intune|tenant|OAuth|WBXML|policy key|sync key)\b/i;

describe('end-user messages in the findings catalog', () => {
  const steps = Object.entries(parsed.findings).flatMap(([code, entry]) => entry.nextSteps.map((step) => ({ code, step })));

  it('every step the user carries out has a message', () => {
    const missing = steps.filter(({ step }) => step.who === 'user' && (step.userMessage ?? []).length === 0).map(({ code }) => code);
    expect(missing).toEqual([]);
  });

  it('the in-app fixes say what the user does once the change is read back', () => {
    const fixes = steps.filter(({ step }) => step.action === 'allow-device' || step.action === 'unblock-device' || step.action === 'enable-activesync');
    expect(fixes.length).toBeGreaterThanOrEqual(3);
    for (const { code, step } of fixes) expect(step.userMessage?.join(' '), code).toMatch(/pull down on the inbox/);
  });

  it('messages are short lines without jargon or placeholders', () => {
    const lines = steps.flatMap(({ code, step }) => (step.userMessage ?? []).map((line) => ({ code, line })));
    expect(lines.length).toBeGreaterThan(40);
    for (const { code, line } of lines) {
      expect(line.length, `${code}: ${line}`).toBeLessThanOrEqual(200);
      expect(line, code).not.toMatch(JARGON);
      expect(line, code).not.toMatch(/[{}]/);
    }
  });
});
