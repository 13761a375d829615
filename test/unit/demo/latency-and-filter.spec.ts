import { describe, expect, it } from 'vitest';
import { FilterError, matchesFilter, parseFilter } from '../../../src-main/services/demo/graph/odata-filter';
import { LATENCY_PROFILES, latencyFor, type CallKind } from '../../../src-main/services/demo/latency';

const kinds: CallKind[] = ['connect', 'cmdlet', 'mailbox-log', 'graph'];

describe('latency profiles', () => {
  it('instant never waits; demo never exceeds 300 ms a call', () => {
    for (const kind of kinds) {
      expect(latencyFor('instant', kind, () => 0.99)).toBe(0);
      for (const r of [0, 0.5, 0.999]) expect(latencyFor('demo', kind, () => r)).toBeLessThanOrEqual(300);
    }
  });

  it('realistic follows Exchange Online and Graph timings', () => {
    const at = (kind: CallKind, r: number) => latencyFor('realistic', kind, () => r);
    expect(at('connect', 0.5)).toBe(6000);
    expect([at('cmdlet', 0), at('cmdlet', 1)]).toEqual([500, 2000]);
    expect(at('mailbox-log', 0.5)).toBe(3000);
    expect([at('graph', 0), at('graph', 1)]).toEqual([150, 600]);
    expect(Object.keys(LATENCY_PROFILES)).toEqual(['instant', 'demo', 'realistic']);
  });
});

describe('OData $filter subset', () => {
  const signIn = {
    userId: 'U1',
    userPrincipalName: 'Alex@Contoso.example',
    clientAppUsed: 'Exchange ActiveSync',
    createdDateTime: '2026-11-26T08:00:00Z',
    status: { errorCode: 53003 },
  };

  it('matches eq (case-insensitive), ge/lt on dates, nested paths, and and/or with parentheses', () => {
    const yes = [
      "userPrincipalName eq 'alex@contoso.example'",
      "clientAppUsed eq 'Exchange ActiveSync' and createdDateTime ge 2026-11-26T00:00:00Z",
      "(clientAppUsed eq 'Browser' or clientAppUsed eq 'Exchange ActiveSync') and userId eq 'U1'",
      'status/errorCode eq 53003',
      'createdDateTime lt 2026-11-27T00:00:00.000Z',
    ];
    const no = [
      "userId eq 'U2'",
      'createdDateTime ge 2026-11-26T08:00:01Z',
      "clientAppUsed eq 'Browser' or userId eq 'U9'",
    ];
    for (const f of yes) expect(matchesFilter(parseFilter(f), signIn), f).toBe(true);
    for (const f of no) expect(matchesFilter(parseFilter(f), signIn), f).toBe(false);
  });

  it('reads doubled quotes inside strings as one quote', () => {
    expect(
      matchesFilter(parseFilter("userPrincipalName eq 'o''brien@contoso.example'"), {
        userPrincipalName: "O'Brien@contoso.example",
      }),
    ).toBe(true);
  });

  it('refuses what it does not understand', () => {
    for (const f of [
      "startswith(userPrincipalName,'a')",
      "userId eq 'a' and",
      "userId has 'a'",
      "(userId eq 'a'",
      "userId eq 'open",
    ]) {
      expect(() => parseFilter(f), f).toThrow(FilterError);
    }
  });
});
