import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import {
  buildCaseJsonSchemas,
  renderJsonSchemaFile,
} from '../../../src-main/services/cases/schemas/case-json-schemas';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

const sampleCase = {
  formatVersion: 1,
  id: 'c0ffee00-1234',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:05:00.000Z',
  operator: { name: 'Megan Bowen' },
  subject: { userUpn: 'alex@contoso.example', symptom: 'No mail' },
  connection: { kind: 'demo', scenario: 'healthy' },
  steps: [{ id: 's1', status: 'done', evidence: ['ev-1'] }],
  evidence: [
    {
      id: 'ev-1',
      step: 's1',
      kind: 'cmdlet',
      source: 'Get-MobileDevice',
      capturedAt: '2026-03-02T09:01:00.000Z',
      fileName: 'ev-1.json',
      size: 2,
      sha256: 'a'.repeat(64),
      contentType: 'application/json',
    },
  ],
  findings: [],
  audit: [],
  analysisEngineVersion: '1.0.0',
};

describe('committed JSON Schemas', () => {
  it.each(['case.schema.json', 'manifest.schema.json'] as const)(
    'assets/schemas/%s is current (run node scripts/generate-case-schemas.mjs)',
    async (name) => {
      const committed = await readFile(path.join(ROOT, 'assets', 'schemas', name), 'utf8');
      expect(committed).toBe(renderJsonSchemaFile(buildCaseJsonSchemas()[name]));
    },
  );

  it('accept a valid case and reject a case with an unknown step status', async () => {
    const schema = JSON.parse(
      await readFile(path.join(ROOT, 'assets', 'schemas', 'case.schema.json'), 'utf8'),
    );
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(sampleCase), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...sampleCase, steps: [{ id: 's1', status: 'maybe', evidence: [] }] })).toBe(false);
  });

  it('reject a manifest whose file path leaves the bundle', async () => {
    const schema = JSON.parse(
      await readFile(path.join(ROOT, 'assets', 'schemas', 'manifest.schema.json'), 'utf8'),
    );
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    const manifest = {
      format: 'eas-troubleshooter-case-bundle',
      formatVersion: 1,
      appVersion: '0.1.0',
      caseId: sampleCase.id,
      created: sampleCase.createdAt,
      redacted: false,
      files: [{ path: 'case.json', sha256: 'b'.repeat(64), size: 10 }],
    };
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(
      validate({ ...manifest, files: [{ path: '../case.json', sha256: 'b'.repeat(64), size: 10 }] }),
    ).toBe(false);
  });
});
