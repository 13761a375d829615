import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFinding, catalogEntry, FINDING_CODES, type FindingCode } from '../../../src-main/domain/diagnosis/catalog';
import { evidenceTier, explains, headline, rankFindings } from '../../../src-main/domain/diagnosis/rank';
import type { Finding } from '../../../src-main/shared/models/finding';
import { listedCause } from '../../../src-main/shared/models/finding-cause';
import { openFindings } from '../../../src-main/domain/device-access/action-closure';
import type { ActionClosure } from '../../../src-main/shared/models/action-closure';

const arbFinding: fc.Arbitrary<Finding> = fc
  .record({
    code: fc.constantFrom(...FINDING_CODES),
    confidence: fc.constantFrom('high', 'medium', 'low'),
    certainty: fc.option(fc.constantFrom('confirmed', 'inferred', 'unconfirmed'), { nil: undefined }),
    severity: fc.option(fc.constantFrom('blocker', 'warning', 'info'), { nil: undefined }),
    deviceId: fc.option(fc.constantFrom('DEV1', 'DEV2'), { nil: undefined }),
  })
  .map(({ code, confidence, certainty, severity, deviceId }) =>
    buildFinding({
      code,
      detail: 'x',
      evidence: [],
      confidence,
      ...(certainty ? { certainty } : {}),
      ...(severity ? { severity } : {}),
      ...(deviceId ? { deviceId } : {}),
    }),
  );

/** One finding per code and device, as mergeDrafts leaves them. */
const arbFindings = fc.uniqueArray(arbFinding, { selector: (f) => `${f.code}|${f.deviceId ?? ''}`, maxLength: 14 });

describe('rankFindings (properties)', () => {
  it('is a permutation with ranks 1…n, and the same whatever order the findings came in', () => {
    fc.assert(
      fc.property(arbFindings, fc.integer(), (findings, seed) => {
        const ranked = rankFindings(findings);
        expect(ranked.map((f) => f.rank)).toEqual(findings.map((_, i) => i + 1));
        expect(ranked.map(key).sort()).toEqual(findings.map(key).sort());
        const shuffled = [...findings].sort((a, b) => (hash(key(a), seed) - hash(key(b), seed)));
        expect(rankFindings(shuffled).map(key)).toEqual(ranked.map(key));
      }),
    );
  });

  it('a cause always ranks above the findings it explains (when they do not explain each other)', () => {
    fc.assert(
      fc.property(arbFindings, (findings) => {
        const ranked = rankFindings(findings);
        for (const cause of ranked) {
          for (const symptom of ranked) {
            if (explains(cause, symptom) && !explains(symptom, cause)) expect(cause.rank!, `${key(cause)} explains ${key(symptom)}`).toBeLessThan(symptom.rank!);
          }
        }
      }),
    );
  });

  it('among findings no other finding explains, stronger evidence ranks first: a "maybe" never above a known problem, context last', () => {
    fc.assert(
      fc.property(arbFindings, (findings) => {
        const ranked = rankFindings(findings);
        const free = ranked.filter((f) => !ranked.some((other) => explains(other, f)));
        for (let i = 1; i < free.length; i++) expect(evidenceTier(free[i - 1]!)).toBeLessThanOrEqual(evidenceTier(free[i]!));
      }),
    );
  });

  it('the headline says "Most likely cause" only of a confirmed problem', () => {
    fc.assert(
      fc.property(arbFindings, (findings) => {
        const ranked = rankFindings(findings);
        const { text, confirmed } = headline(ranked);
        const top = ranked[0];
        if (text.startsWith('Most likely cause')) {
          expect(confirmed).toBe(true);
          expect(top?.certainty).toBe('confirmed');
          expect(top?.severity).not.toBe('info');
        }
        if (top !== undefined && top.severity !== 'info' && top.certainty !== 'confirmed') expect(text).toMatch(/^Possible cause, not confirmed: .+ — .+\.$/);
      }),
    );
  });
});

describe('rankFindings (cases)', () => {
  const f = (code: FindingCode, extra: Partial<Parameters<typeof buildFinding>[0]> = {}) => buildFinding({ code, detail: 'x', evidence: [], confidence: 'high', ...extra });

  it('a confirmed device quarantine outranks a low-confidence Conditional Access "maybe" despite the catalog order', () => {
    expect(catalogEntry('CA_BLOCKS_EAS').priority).toBeLessThan(catalogEntry('DEVICE_QUARANTINED').priority);
    const ranked = rankFindings([f('CA_BLOCKS_EAS', { confidence: 'low' }), f('DEVICE_QUARANTINED', { deviceId: 'DEV1' })]);
    expect(ranked.map((x) => x.code)).toEqual(['DEVICE_QUARANTINED', 'CA_BLOCKS_EAS']);
  });

  it('"the phone syncs normally" leads the notes, before a problem the evidence turned into a note', () => {
    const ranked = rankFindings([f('CA_CANNOT_TELL', { severity: 'info', confidence: 'low' }), f('DEBUG_LOGGING_ACTIVE'), f('HEALTHY_SYNC', { deviceId: 'DEV1', confidence: 'medium' })]);
    expect(ranked.map((x) => x.code)).toEqual(['HEALTHY_SYNC', 'CA_CANNOT_TELL', 'DEBUG_LOGGING_ACTIVE']);
    expect(headline(ranked).text).toBe('No blocking cause found. Top note: The phone syncs normally.');
  });

  it('a policy the phone cannot meet ranks above the loop and the block it causes', () => {
    const ranked = rankFindings([
      f('DEVICE_BLOCKED', { deviceId: 'DEV1' }),
      f('PROVISIONING_LOOP', { deviceId: 'DEV1', certainty: 'inferred' }),
      f('DEVICE_NOT_PROVISIONABLE', { deviceId: 'DEV1', certainty: 'inferred' }),
    ]);
    expect(ranked[0]?.code).toBe('DEVICE_NOT_PROVISIONABLE');
  });

  it('"no requests reached the mailbox" ranks below what stopped them, and only for the same phone', () => {
    expect(rankFindings([f('NO_REQUESTS_REACHED_MAILBOX', { deviceId: 'DEV1' }), f('SIGNIN_FAILURES', { certainty: 'inferred', severity: 'warning' })]).map((x) => x.code)).toEqual([
      'SIGNIN_FAILURES',
      'NO_REQUESTS_REACHED_MAILBOX',
    ]);
    expect(explains(f('EAS_DISABLED_FOR_MAILBOX', { deviceId: 'DEV2' }), f('NO_REQUESTS_REACHED_MAILBOX', { deviceId: 'DEV1' }))).toBe(false);
  });

  it('a finding may name what it explains, or what explains it, in this case (a CA compliant-device failure is the enrollment problem)', () => {
    const ca = f('CA_BLOCKS_EAS', { explains: ['DEVICE_NOT_ENROLLED'] });
    expect(rankFindings([f('DEVICE_NOT_ENROLLED', { deviceId: 'DEV1' }), ca])[0]?.code).toBe('CA_BLOCKS_EAS');
    const compliantDeviceBlock = f('CA_BLOCKS_EAS', { explainedBy: ['DEVICE_NOT_ENROLLED', 'DEVICE_NOT_COMPLIANT'] });
    expect(rankFindings([compliantDeviceBlock, f('DEVICE_NOT_ENROLLED', { deviceId: 'DEV1' })]).map((x) => x.code)).toEqual(['DEVICE_NOT_ENROLLED', 'CA_BLOCKS_EAS']);
    expect(catalogEntry('CA_BLOCKS_EAS').priority).toBeLessThan(catalogEntry('DEVICE_NOT_ENROLLED').priority);
  });

  it('the catalog names only known codes as symptoms, and no code explains itself', () => {
    for (const code of FINDING_CODES) {
      for (const symptom of catalogEntry(code).explains ?? []) {
        expect(FINDING_CODES as readonly string[], `${code} explains ${symptom}`).toContain(symptom);
        expect(symptom).not.toBe(code);
      }
    }
  });

  it('the catalog\'s causes form no cycle (a symptom never explains its own cause, however indirectly)', () => {
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      (catalogEntry(from as FindingCode).explains ?? []).some((next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))));
    for (const code of FINDING_CODES) expect(reaches(code, code), code).toBe(false);
  });

  it('headlines: confirmed, inferred with what would settle it, context', () => {
    expect(headline(rankFindings([f('DEVICE_BLOCKED')])).text).toBe('Most likely cause: Exchange blocks this device.');
    expect(headline(rankFindings([f('SYNC_KEY_LOOP', { certainty: 'inferred' })])).text).toBe(
      'Possible cause, not confirmed: A folder keeps restarting its sync — a fresh mailbox log after the user reproduces the problem would confirm it.',
    );
    expect(headline(rankFindings([f('HEALTHY_SYNC', { certainty: 'inferred' }), f('DEBUG_LOGGING_ACTIVE')])).text).toBe('No blocking cause found. Top note: The phone syncs normally.');
    expect(headline([]).text).toBe('The analysis found nothing to report.');
  });
});

function key(f: Finding): string {
  return `${f.code}|${f.deviceId ?? ''}`;
}

function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}

describe('a symptom says which listed cause it follows from', () => {
  const draft = (code: FindingCode, deviceId?: string) => buildFinding({ code, detail: 'x', evidence: [], confidence: 'high', ...(deviceId ? { deviceId } : {}) });

  it('names the first cause placed above it that explains it, and nothing for a finding no listed cause explains', () => {
    const ranked = rankFindings([draft('REQUESTS_REFUSED', 'DEV1'), draft('EAS_DISABLED_FOR_MAILBOX'), draft('DEBUG_LOGGING_ACTIVE')]);
    const byCode = new Map(ranked.map((f) => [f.code, f]));
    expect(byCode.get('REQUESTS_REFUSED')?.followsFrom).toBe('EAS_DISABLED_FOR_MAILBOX');
    expect(byCode.get('EAS_DISABLED_FOR_MAILBOX')?.followsFrom).toBeUndefined();
    expect(byCode.get('DEBUG_LOGGING_ACTIVE')?.followsFrom).toBeUndefined();
    expect(listedCause(ranked, byCode.get('REQUESTS_REFUSED')!)).toEqual({ position: 1, finding: byCode.get('EAS_DISABLED_FOR_MAILBOX') });
  });

  it('never across phones, nor from a problem that is over', () => {
    const otherPhone = rankFindings([draft('REQUESTS_REFUSED', 'DEV1'), draft('DEVICE_BLOCKED', 'DEV2')]);
    expect(otherPhone.find((f) => f.code === 'REQUESTS_REFUSED')?.followsFrom).toBeUndefined();
    const ended = buildFinding({ code: 'DEVICE_BLOCKED', detail: 'x', evidence: [], confidence: 'high', deviceId: 'DEV1', history: true });
    expect(rankFindings([draft('REQUESTS_REFUSED', 'DEV1'), ended]).find((f) => f.code === 'REQUESTS_REFUSED')?.followsFrom).toBeUndefined();
  });

  it('property: a cause named is always ranked above its symptom and explains it', () => {
    fc.assert(
      fc.property(arbFindings, (findings) => {
        const ranked = rankFindings(findings);
        for (const f of ranked) {
          if (f.followsFrom === undefined) continue;
          const cause = listedCause(ranked, f);
          expect(cause).toBeDefined();
          expect(cause!.position).toBeLessThan(f.rank!);
          expect(explains(cause!.finding, f)).toBe(true);
        }
      }),
    );
  });

  it('once the cause is fixed (closed by an action), the symptom stands on its own', () => {
    // Inferred, as after an action Exchange's re-read no longer confirms it.
    const easOff = buildFinding({ code: 'EAS_DISABLED_FOR_MAILBOX', detail: 'x', evidence: [], confidence: 'medium', certainty: 'inferred' });
    const ranked = rankFindings([draft('REQUESTS_REFUSED', 'DEV1'), easOff]);
    expect(ranked.find((f) => f.code === 'REQUESTS_REFUSED')?.followsFrom).toBe('EAS_DISABLED_FOR_MAILBOX');
    const closure = { fixed: [{ code: 'EAS_DISABLED_FOR_MAILBOX' }] } as unknown as ActionClosure;
    const open = openFindings(ranked, [closure]);
    expect(open.map((f) => [f.code, f.followsFrom])).toEqual([['REQUESTS_REFUSED', undefined]]);
  });
});
