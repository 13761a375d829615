import { describe, expect, it } from 'vitest';
import { LogAnalysisSession } from '../../../src-main/domain/diagnosis/log-analysis-session';
import { readFileSync } from 'node:fs';
import { entryOutcome, heldBack, timelineBuckets, toDetail, toRow } from '../../../src-main/services/flow/log-rows';

describe('log entry detail', () => {
  it('explains the HTTP status of a throttled request in plain words', () => {
    const session = new LogAnalysisSession();
    session.addText('alex-samsung.txt', readFileSync('assets/scenarios/auto-blocked-command-frequency/alex-samsung.txt', 'utf8'));
    const entries = session.timelines().flatMap((t) => t.entries);
    const throttled = entries.find((e) => e.httpStatus === 503);
    expect(throttled).toBeDefined();
    expect(toDetail(throttled!).response).toMatch(/^HTTP 503.* — Service unavailable: temporary failure or throttling\./m);
  });
});

describe('what the phone got, per request', () => {
  const entriesOf = (file: string) => {
    const session = new LogAnalysisSession();
    session.addText('log.txt', readFileSync(file, 'utf8'));
    return session.timelines().flatMap((t) => t.entries);
  };

  it('never counts a quarantined request (HTTP 200) as a success: it is held back, in the findings’ words', () => {
    const entries = entriesOf('assets/scenarios/quarantined-org-default/alex-samsung.txt');
    const quarantined = entries.filter((e) => e.accessState === 'Quarantined');
    expect(quarantined.length).toBeGreaterThan(0);
    for (const entry of quarantined) {
      expect(entry.httpStatus).toBe(200);
      expect(heldBack(entry)).toBe('quarantined');
      expect(entryOutcome(entry)).toBe('error');
      expect(toRow(entry).summary).toMatch(/^In quarantine: no mail · /);
    }
    const buckets = timelineBuckets(entries);
    const sum = (k: 'ok' | 'warning' | 'error' | 'held') => buckets.reduce((n, b) => n + b[k], 0);
    expect(sum('held')).toBe(quarantined.filter((e) => e.requestTime !== undefined).length);
    expect(sum('ok') + sum('warning') + sum('error') + sum('held')).toBe(entries.filter((e) => e.requestTime !== undefined).length);
  });

  it('leaves allowed requests of a healthy phone as successes', () => {
    const entries = entriesOf('test/fixtures/mailbox-logs/synthetic-iphone-healthy-16.1.txt');
    expect(entries.some((e) => heldBack(e) !== undefined)).toBe(false);
    expect(timelineBuckets(entries).reduce((n, b) => n + b.held, 0)).toBe(0);
  });
});
