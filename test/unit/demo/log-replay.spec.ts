import { describe, expect, it } from 'vitest';
import { EasConversation } from '../../../src-main/services/demo/mailbox-log/eas-conversation';
import { writeMailboxLog } from '../../../src-main/services/demo/mailbox-log/mailbox-log-writer';
import { replayLogFrom } from '../../../src-main/services/demo/shell/log-replay';
import { parseAll } from '../domain/support/log-builders';

// A training phone talks only once debug logging is on: its scripted log is moved to just after
// logging was turned on and grows as the scenario clock reaches each request.
const device = { deviceId: 'ApplF4K7Q2', deviceType: 'iPhone', userAgent: 'Apple-iPhone15C2/2201.100', protocolVersion: '16.1', user: 'alex.wilber@contoso.example', serverName: 'BY5PR00MB0002', assemblyVersion: '15.20.8722.021' };

function log(): string {
  const c = new EasConversation(device, '2026-01-01T00:00:00Z', 0x100);
  c.folderSync('0', '1').sync('5', '0', '1').sync('5', '1', '2').wait(60).ping(480, 1);
  return writeMailboxLog(device, c.entries);
}

const times = (text: string) => [...text.matchAll(/RequestTime : ?\r?\n([0-9/: ]+)/g)].map((m) => m[1]);

describe('replayLogFrom', () => {
  const start = Date.parse('2026-11-26T09:05:08Z');

  it('moves every request and response time so the first request is at the start', () => {
    const text = replayLogFrom(log(), start, start + 3_600_000);
    expect(times(text)).toEqual(['11/26/2026 09:05:08', '11/26/2026 09:05:09', '11/26/2026 09:05:10', '11/26/2026 09:06:11']);
    expect(text).not.toContain('2026 00:0');
    expect(text).not.toContain('01/01/2026');
  });

  it('returns only the requests the clock has reached, and nothing before the start', () => {
    expect(replayLogFrom(log(), start, start - 1)).toBe('');
    expect(times(replayLogFrom(log(), start, start + 2_000))).toHaveLength(3);
  });

  it('stays a log the parser reads', () => {
    const parsed = parseAll(new TextEncoder().encode(replayLogFrom(log(), start, start + 2_000)));
    expect(parsed.entries).toHaveLength(3);
    expect(parsed.warnings).toEqual([]);
  });
});
