import { describe, expect, it } from 'vitest';
import { accessStateInWords } from '../../../src-main/domain/eas/access-state';
import { evaluateDeviceAccess } from '../../../src-main/domain/evaluators/device-access';

describe("Exchange's access decision in tier-1 words", () => {
  it('leads with what happened and why', () => {
    expect(accessStateInWords('Quarantined', 'Global')).toBe(
      'Exchange quarantined this phone because the organisation’s default for new phones says so',
    );
    expect(accessStateInWords('Blocked', 'DeviceRule', 'Block old Android')).toBe(
      'Exchange blocks this phone because the device access rule “Block old Android” matches it',
    );
    // Cmdlet output sometimes gives the reason's number.
    expect(accessStateInWords('Quarantined', 52)).toBe('Exchange quarantined this phone because Intune says the phone is not compliant');
    expect(accessStateInWords('DeviceDiscovery', 'Global')).toBe('Exchange has not decided about this phone yet');
  });
});

describe('the device-access finding', () => {
  it('leads its detail and evidence line with words and keeps the raw values after them', () => {
    const [finding] = evaluateDeviceAccess({
      device: { DeviceId: 'SEC1A2B3C4D5E6F7A8', DeviceType: 'SAMSUNG', DeviceAccessState: 'Quarantined', DeviceAccessStateReason: 'Global' },
      organizationSettings: { DefaultAccessLevel: 'Quarantine' },
    });
    expect(finding?.code).toBe('DEVICE_QUARANTINED');
    expect(finding?.detail).toMatch(/^Exchange quarantined this phone because the organisation’s default for new phones says so \(Exchange reports DeviceAccessState = Quarantined, reason Global\)\./);
    expect(finding?.evidence[0]?.detail).toMatch(/^Exchange quarantined this phone .*\(DeviceAccessState = Quarantined, reason Global\)$/);
  });
});
