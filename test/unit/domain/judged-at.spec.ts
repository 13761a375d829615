import { describe, expect, it } from 'vitest';
import { evaluateProtocolVersion } from '../../../src-main/domain/evaluators/protocol-version';

// Rules that changed on a date are judged as they stood at the case's time, never the machine's.
const oldPhone = { DeviceId: 'ANDROID14', ClientType: 'EAS', ClientVersion: '14.1', DeviceUserAgent: 'Android-Mail/7.1' };

describe('judging at the case time', () => {
  it('an EAS 14.1 phone captured before the 16.1 cut-off was about to stop, not refused yet', () => {
    const [draft] = evaluateProtocolVersion(oldPhone, '2026-02-10T10:00:00Z');
    expect(draft?.code).toBe('EAS_VERSION_UNSUPPORTED');
    expect(draft?.detail).toMatch(/from 2026-03-01, after this case was captured/);
  });

  it('the same phone judged after the cut-off (or with no case time) is refused', () => {
    for (const judgedAt of ['2026-11-26T09:00:00Z', undefined]) {
      const [draft] = evaluateProtocolVersion(oldPhone, judgedAt);
      expect(draft?.detail).toMatch(/minimum 16\.1 since 2026-03-01/);
    }
  });
});
