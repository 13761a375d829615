import { describe, expect, it } from 'vitest';
import type { CaseDocument } from '../../../src-main/shared/models/case';
import { renderCaseReport } from '../../../src-main/services/cases/report/case-report-html';
import { writeCaseReportPdf } from '../../../src-main/services/cases/report/report-pdf';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const hostile = `<script>alert(1)</script><img src="https://evil.example/x.png" onerror="x()">`;

const doc: CaseDocument = {
  formatVersion: 1,
  id: 'c0ffee00-1234',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:05:00.000Z',
  operator: { name: `Megan ${hostile}` },
  subject: { userUpn: 'alex@contoso.example', symptom: hostile, ticketRef: 'INC-7' },
  connection: { kind: 'tenant', tenant: 'contoso.onmicrosoft.com' },
  steps: [{ id: 'check-device', status: 'failed', evidence: [], error: { message: hostile } }],
  evidence: [
    {
      id: 'ev-1',
      step: 'device-access',
      kind: 'what-if',
      source: hostile,
      capturedAt: '2026-03-02T09:01:00.000Z',
      contentType: 'application/json',
      unavailableReason: 'No permission',
    },
  ],
  findings: [
    {
      code: 'LOW_RANK',
      severity: 'info',
      title: 'Second',
      explanation: 'x',
      nextSteps: [],
      evidence: [],
      confidence: 'low',
      rank: 2,
    },
    {
      code: 'DEVICE_QUARANTINED',
      severity: 'blocker',
      title: `First ${hostile}`,
      explanation: hostile,
      nextSteps: [{ who: 'escalate', text: hostile, escalateTo: 'Intune administrator' }],
      evidence: [{ step: 'device-access', logEntries: [3, 4] }],
      confidence: 'high',
      rank: 1,
    },
  ],
  audit: [
    { at: '2026-03-02T09:02:00.000Z', who: 'app', action: 'autosave', target: hostile, result: 'succeeded' },
  ],
  closures: [
    {
      action: 'allow-device',
      deviceId: 'SEC1',
      at: '2026-03-02T09:04:00.000Z',
      result: 'fixed',
      meantToFix: ['DEVICE_QUARANTINED'],
      fixed: [{ code: 'DEVICE_QUARANTINED', title: 'Quarantined', deviceId: 'SEC1', words: `the phone is no longer quarantined ${hostile}` }],
      remaining: [],
      readBack: [{ label: "On this user's allowed list", before: 'no', after: 'yes' }],
    },
  ],
  analysisEngineVersion: '1.0.0',
};

describe('case report HTML', () => {
  const html = renderCaseReport(doc, { appVersion: '0.1.0', generatedAt: '2026-03-02T10:00:00.000Z' });

  it('lists what the operator\'s changes fixed, as read back', () => {
    expect(html).toContain('<h2>Resolved</h2>');
    expect(html).toMatch(/allow-device \(SEC1\): Fixed: the phone is no longer quarantined &lt;script&gt;/);
    expect(html).toContain("On this user&#39;s allowed list: no → yes.");
  });

  it('has no scripts, no event handlers and no external resources, and escapes every case value', () => {
    // Escaped text has no '<', so every '<' opens a real tag: check them all.
    const tags = [...html.matchAll(/<\/?([a-zA-Z0-9!]+)([^>]*)>/g)];
    const allowed = [
      '!DOCTYPE',
      'html',
      'head',
      'meta',
      'title',
      'style',
      'body',
      'h1',
      'h2',
      'h3',
      'p',
      'table',
      'tr',
      'th',
      'td',
      'section',
      'ol',
      'ul',
      'li',
      'strong',
      'em',
      'code',
      'span',
      'br',
    ];
    for (const [tag, name, attributes] of tags) {
      expect(allowed, tag).toContain(name);
      expect(attributes, tag).not.toMatch(/\son\w+\s*=|\b(?:src|href|action)\s*=/i);
    }
    expect(html.split('<').length - 1).toBe(tags.length);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('content="default-src &#39;none&#39;');
  });

  it('lists findings by rank with next steps and evidence in plain words', () => {
    expect(html.indexOf('First')).toBeLessThan(html.indexOf('Second'));
    expect(html).toContain('Escalate (Intune administrator):');
    expect(html).toContain('log entries 3, 4');
    expect(html).toContain('Not captured:</em> No permission');
  });

  it('writes a PDF through the printer port and refuses output that is not a PDF', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'report-pdf-'));
    try {
      let printed = '';
      const printer = {
        printToPdf: async (input: string) => {
          printed = input;
          return Buffer.from('%PDF-1.7 fake');
        },
      };
      await writeCaseReportPdf(
        doc,
        { appVersion: '0.1.0', generatedAt: 'now' },
        printer,
        path.join(dir, 'r.pdf'),
      );
      expect(printed).toContain('ActiveSync troubleshooting case');
      expect((await readFile(path.join(dir, 'r.pdf'))).toString()).toBe('%PDF-1.7 fake');
      const broken = { printToPdf: async () => Buffer.from('<html>') };
      await expect(
        writeCaseReportPdf(doc, { appVersion: '0', generatedAt: 'now' }, broken, path.join(dir, 'b.pdf')),
      ).rejects.toThrow(/not a PDF/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
