import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LogAnalysisSession } from '../../../../src-main/domain/diagnosis/log-analysis-session';
import type { MailboxLogAnalysis } from '../../../../src-main/domain/diagnosis/analyze-mailbox-log';
import type { LogEntry, ParseWarning } from '../../../../src-main/domain/mailbox-log/entry-model';
import { MailboxLogParser } from '../../../../src-main/domain/mailbox-log/parser';
import type { WritableEntry } from '../../../../src-main/domain/mailbox-log/log-writer';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/mailbox-logs');
export const fixture = (name: string): Buffer => readFileSync(path.join(FIXTURES, name));

const START = Date.UTC(2026, 2, 10, 8, 0, 0);
let counter = 0;

/** A plausible entry for a test device, `minutes` after a fixed start; override what the test is about. */
export function entry(minutes: number, overrides: Partial<WritableEntry> = {}): WritableEntry {
  counter++;
  return {
    requestTime: START + minutes * 60_000,
    identifier: (0x10000000 + counter).toString(16).toUpperCase(),
    command: 'Sync',
    deviceId: 'TESTDEVICE01',
    deviceType: 'iPhone',
    userAgent: 'Apple-iPhone15C2/2104.219',
    protocolVersion: '16.1',
    policyKey: '1166421309',
    ...overrides,
  };
}

/** Parses bytes in one go and returns the entries and warnings. */
export function parseAll(bytes: Uint8Array, chunkSize = bytes.length || 1): { entries: LogEntry[]; warnings: ParseWarning[] } {
  const entries: LogEntry[] = [];
  const warnings: ParseWarning[] = [];
  const parser = new MailboxLogParser({ onEntry: (e) => entries.push(e), onWarning: (w) => warnings.push(w), source: 'test.txt' });
  for (let i = 0; i < bytes.length; i += chunkSize) parser.push(bytes.subarray(i, i + chunkSize));
  parser.end();
  return { entries, warnings };
}

/** Runs the whole log analysis over texts given as [file name, text]. */
export function analyze(...inputs: Array<[string, string]>): MailboxLogAnalysis {
  const session = new LogAnalysisSession();
  for (const [name, text] of inputs) session.addText(name, text);
  return session.finish();
}

export const codes = (analysis: { findings: ReadonlyArray<{ code: string }> }): string[] => analysis.findings.map((f) => f.code);
