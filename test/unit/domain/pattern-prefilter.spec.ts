import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntryStatus, LogEntry } from '../../../src-main/domain/mailbox-log/entry-model';
import { mayMatchARule, RULES } from '../../../src-main/domain/patterns/request-failures';

const status = (code: number, scope: EntryStatus['scope']): EntryStatus => ({ code, name: `S${code}`, scope } as EntryStatus);
const codes = fc.constantFrom(1, 2, 3, 5, 6, 7, 8, 9, 12, 15, 110, 111, 113, 123, 126, 129, 131, 133, 151, 177);
/** Mostly absent, so that each condition is often the only one present. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>, none: T): fc.Arbitrary<T> => fc.oneof({ weight: 3, arbitrary: fc.constant(none) }, { weight: 1, arbitrary });

/** Entries with every field a request-failure rule reads, in all combinations. */
const entryArbitrary = fc
  .record({
    command: fc.constantFrom('Sync', 'Ping', 'FolderSync', 'SendMail', 'SmartReply', 'Provision', undefined),
    httpStatus: rarely(fc.constantFrom(302, 401, 403, 449, 451, 500, 503, 507, undefined), 200),
    commandStatus: rarely(codes, undefined),
    collection: rarely(fc.array(codes, { maxLength: 3 }), [1]),
    items: rarely(fc.array(codes, { maxLength: 3 }), []),
    protocolVersion: fc.constantFrom('12.1', '14.1', '16.1', undefined),
    throttleReason: rarely(fc.constant('CommandFrequency'), undefined),
    retryAfterSeconds: rarely(fc.constant(600), undefined),
    backOff: rarely(fc.constant({ level: 'L', seconds: 30 }), undefined),
    backOffReason: rarely(fc.constant('Budget'), undefined),
    location: rarely(fc.constant('https://mail.contoso.example'), undefined),
    exceptions: rarely(fc.array(fc.constantFrom('SyncCollection_VerifySyncKey_Exception', 'SyncCommand_OnExecute_Exception'), { maxLength: 2 }), []),
  })
  .map((r) => ({
    command: r.command,
    httpStatus: r.httpStatus,
    protocolVersion: r.protocolVersion,
    commandStatus: r.commandStatus === undefined ? undefined : status(r.commandStatus, 'command'),
    collectionStatuses: r.collection.map((c) => status(c, 'collection')),
    // The parser keeps only the item statuses that are not a success.
    itemStatuses: r.items.filter((c) => c !== 1).map((c) => status(c, 'item')),
    easHeaders: { throttleReason: r.throttleReason, retryAfterSeconds: r.retryAfterSeconds, backOff: r.backOff, backOffReason: r.backOffReason, location: r.location },
    exceptions: r.exceptions.map((section) => ({ section, summary: section, text: section })),
  }) as unknown as LogEntry);

describe('request-failure rules: the one-pass prefilter never drops an entry a rule matches', () => {
  it('every rule match passes mayMatchARule', () => {
    fc.assert(
      fc.property(entryArbitrary, (e) => {
        for (const rule of RULES) if (rule.matches(e)) expect(mayMatchARule(e), rule.kind).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('a plain successful request matches no rule and is dropped by the prefilter', () => {
    const plain = { command: 'Sync', httpStatus: 200, collectionStatuses: [status(1, 'collection')], itemStatuses: [], easHeaders: {}, exceptions: [] } as unknown as LogEntry;
    expect(mayMatchARule(plain)).toBe(false);
    expect(RULES.some((r) => r.matches(plain))).toBe(false);
  });
});
