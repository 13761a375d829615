import { describe, expect, it } from 'vitest';
import { LogAnalysisSession } from '../../../src-main/domain/diagnosis/log-analysis-session';
import { readFileSync } from 'node:fs';
import { toDetail } from '../../../src-main/services/flow/log-rows';

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
