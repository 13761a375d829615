import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, codes, fixture } from './support/log-builders';

// The samples' README (shared/reference/samples/README.md) describes each entry; these tests
// check the analysis says the same. The copies in test/fixtures keep the suite independent of
// shared/; when shared/ is beside the clone, the copies must still equal the originals.
const SHARED = path.resolve(__dirname, '../../../../shared/reference/samples/mailbox-logs');
const SAMPLES = ['synthetic-iphone-healthy-16.1.txt', 'synthetic-android-problems-14.1.txt'];

describe('reference samples', () => {
  it.runIf(existsSync(SHARED))('fixtures are unchanged copies of shared/reference samples', () => {
    for (const name of SAMPLES) expect(fixture(name).equals(readFileSync(path.join(SHARED, name)))).toBe(true);
  });

  it('healthy iPhone 16.1: normal provisioning, initial syncs and a pending Ping read as healthy, nothing wrong', () => {
    const analysis = analyze(['iphone.txt', fixture(SAMPLES[0] as string).toString('utf8')]);
    expect(analysis.devices).toEqual([{
      deviceId: 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B',
      deviceType: 'iPhone',
      userAgent: 'Apple-iPhone15C2/2104.219',
      protocolVersion: '16.1',
      entryCount: 6,
      firstRequest: '2024-05-14T09:02:11.000Z',
      lastRequest: '2024-05-14T09:02:16.000Z',
    }]);
    // Provision twice, SyncKey 0 and a long pending Ping are all normal: no loop, no error.
    expect(codes(analysis)).toEqual(['HEALTHY_SYNC']);
    expect(analysis.warnings).toEqual([]);
  });

  it('Android 14.1: old protocol, device-rule block, auto-block throttling and one sync-key reset', () => {
    const analysis = analyze(['android.txt', fixture(SAMPLES[1] as string).toString('utf8')]);
    const byCode = new Map(analysis.findings.map((f) => [f.code, f]));
    expect(codes(analysis).sort()).toEqual(['DEVICE_AUTO_BLOCKED', 'DEVICE_BLOCKED', 'EAS_VERSION_UNSUPPORTED', 'SYNC_KEY_RESET'].sort());
    expect(byCode.get('EAS_VERSION_UNSUPPORTED')).toMatchObject({ severity: 'blocker', deviceId: 'androidc1234567890' });
    expect(byCode.get('DEVICE_BLOCKED')?.severity).toBe('blocker');
    expect(byCode.get('DEVICE_BLOCKED')?.evidence[0]?.logEntries).toEqual([3]);
    expect(byCode.get('DEVICE_BLOCKED')?.explanation).toContain('Block Samsung native mail (DeviceType)');
    expect(byCode.get('DEVICE_AUTO_BLOCKED')?.evidence[0]?.logEntries).toEqual([4]);
    expect(byCode.get('DEVICE_AUTO_BLOCKED')?.explanation).toContain('CommandFrequency');
    expect(byCode.get('DEVICE_AUTO_BLOCKED')?.explanation).toContain('600 s');
    expect(byCode.get('SYNC_KEY_RESET')).toMatchObject({ severity: 'info' });
    expect(byCode.get('SYNC_KEY_RESET')?.evidence[0]?.logEntries).toEqual([2]);
    // A single 144 is a policy refresh, and the VerifySyncKey exception belongs to the reset.
    expect(codes(analysis)).not.toContain('PROVISIONING_LOOP');
    expect(codes(analysis)).not.toContain('SERVER_ERRORS');
    expect(codes(analysis)).not.toContain('HEALTHY_SYNC');
    expect(analysis.findings.map((f) => f.rank)).toEqual([1, 2, 3, 4]);
    expect(analysis.findings[3]?.code).toBe('SYNC_KEY_RESET');
  });

  it('both samples together are two devices with their own findings', () => {
    const analysis = analyze(['a.txt', fixture(SAMPLES[0] as string).toString('utf8')], ['b.txt', fixture(SAMPLES[1] as string).toString('utf8')]);
    expect(analysis.devices.map((d) => d.deviceId).sort()).toEqual(['F2KQ7HZX1C9N3P5R7T9V1X3Z5B', 'androidc1234567890'].sort());
    const iphone = analysis.findings.filter((f) => f.deviceId === 'F2KQ7HZX1C9N3P5R7T9V1X3Z5B').map((f) => f.code);
    expect(iphone).toEqual(['HEALTHY_SYNC']);
  });
});
