import { describe, expect, it } from 'vitest';
import { bundlePathSchema } from '../../../src-main/services/cases/bundle/bundle-manifest';
import { caseIdSchema, evidenceFileNameSchema } from '../../../src-main/shared/models/case';

// A bundle made on Linux can name a file that Windows cannot create or that opens a device:
// CON, NUL, COM1… (with any extension), or a name ending in a dot or space. Refused everywhere a
// name from a bundle or a case becomes a file.
const RESERVED = ['CON', 'con', 'aux.txt', 'NUL.json', 'nul.tar.gz', 'COM1', 'com9.log', 'LPT1', 'lpt9.txt', 'PRN', 'CONIN$', 'CONOUT$', 'COM0', 'report.', 'ev-1.json.', 'a..'];
const FINE = ['ev-1.json', 'console.log', 'auxiliary.txt', 'com10.txt', 'nullable.json', 'CONFIG', 'lpt.txt', 'report.html'];

describe('Windows reserved names', () => {
  it.each(RESERVED)('refuses %s as an evidence file and as a bundle path', (name) => {
    expect(evidenceFileNameSchema.safeParse(name).success).toBe(false);
    expect(bundlePathSchema.safeParse(`evidence/${name}`).success).toBe(false);
  });
  it.each(FINE)('accepts %s', (name) => {
    expect(evidenceFileNameSchema.safeParse(name).success).toBe(true);
    expect(bundlePathSchema.safeParse(`evidence/${name}`).success).toBe(true);
  });
  it('case ids cannot be a reserved name or end in a dot', () => {
    for (const id of ['con', 'com1', 'case-2026.', 'aux', 'lpt1.txt']) expect(caseIdSchema.safeParse(id).success, id).toBe(false);
    expect(caseIdSchema.safeParse('case-20261204-101500-ab12cd').success).toBe(true);
  });
});
