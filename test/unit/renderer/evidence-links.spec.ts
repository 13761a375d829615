import { describe, expect, it } from 'vitest';
import type { EvidenceView } from '../../../src-main/shared/models/wizard';
import { evidenceLinks, plainEvidenceLabel } from '../../../src-renderer/logic/evidence-links';

const item = (id: string, source: string, extra: Partial<EvidenceView> = {}): EvidenceView => ({
  id,
  label: source,
  kind: 'cmdlet',
  source,
  capturedAt: '2026-12-04T10:00:00Z',
  ...extra,
});

describe('evidence links of a step', () => {
  const evidence = [
    item('mobile-devices', 'Get-MobileDevice'),
    item('device-statistics', 'Get-MobileDeviceStatistics'),
    item('mobile-devices_2', 'Get-MobileDevice'),
    item('device-statistics_2', 'Get-MobileDeviceStatistics'),
    item('mobile-devices_3', 'Get-MobileDevice'),
    item('device-statistics_3', 'Get-MobileDeviceStatistics', { unavailableReason: 'the cmdlet timed out' }),
  ];

  it('shows one link per source after re-runs, pointing at the newest capture', () => {
    const links = evidenceLinks(evidence.map((e) => e.id), evidence);
    expect(links.map((l) => l.id)).toEqual(['mobile-devices_3', 'device-statistics_3']);
    expect(links.map((l) => l.earlier)).toEqual([2, 2]);
  });

  it('keeps the newest even when the ids arrive out of order', () => {
    const links = evidenceLinks(['mobile-devices_3', 'mobile-devices', 'mobile-devices_2'], evidence);
    expect(links.map((l) => l.id)).toEqual(['mobile-devices_3']);
  });

  it('labels links in words, never with the cmdlet name, which stays as the tooltip', () => {
    const [devices, stats] = evidenceLinks(evidence.map((e) => e.id), evidence);
    expect(devices!.text).toBe('See the phones on this mailbox');
    expect(devices!.source).toBe('Get-MobileDevice');
    expect(stats!.text).toBe('Could not read what Exchange knows about each phone: the cmdlet timed out');
    for (const link of [devices!, stats!]) expect(link.text).not.toMatch(/Get-/);
  });

  it('names the device of a mailbox log and falls back to the label for unknown evidence', () => {
    expect(plainEvidenceLabel('mailbox-log-SEC1A2B3C4D5E6F7A8_2')).toBe('the phone’s mailbox log (SEC1A2B3C4D5E6F7A8)');
    const [link] = evidenceLinks(['imported-1'], [item('imported-1', 'notes.har', { label: 'notes.har' })]);
    expect(link!.text).toBe('See notes.har');
  });
});
