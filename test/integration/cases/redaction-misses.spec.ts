import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCaseBundle } from '../../../src-main/services/cases/bundle/bundle-writer';
import { importCaseBundle } from '../../../src-main/services/cases/bundle/bundle-import';
import { CaseStore } from '../../../src-main/services/cases/case-store';
import { issueDemoToken } from '../../../src-main/services/demo/demo-token';
import { createFixtureCase, type FixtureCase } from './support/case-fixture';
import { readZipEntries } from './support/zip-entries';

// What the security review found left in a redacted bundle; every value below must be gone.
const MISSES = {
  objectId: '7d1c3a0e-5b2f-4c1a-9e3d-2f6b8a9c0d1e',
  mailboxGuid: '0b7e9f12-3c4d-4e5f-8a9b-1c2d3e4f5a6b',
  deviceGuid: 'c0ffee00-1234-4abc-9def-0123456789ab',
  tenantName: 'contoso.onmicrosoft.com',
  tenantDomain: 'contoso.example',
  reversedName: 'Wilber, Alex',
  firstName: 'Alex',
  imeiInText: '490154203237518',
  mappedIpv4Tail: '52.96.77.88',
  deviceIdCapitalD: 'Z8K3LQ0P4M2N',
  phoneNumber: '+14255550123',
  deviceFriendlyName: 'Pixel of the CFO',
};

let fixture: FixtureCase;
let texts: string;
let demoToken: string;

beforeAll(async () => {
  fixture = await createFixtureCase();
  demoToken = issueDemoToken({ aud: 'graph', tid: MISSES.objectId, oid: MISSES.objectId, upn: 'alex.wilber@contoso.example', scp: ['User.Read.All'], iat: 1, exp: 2 });
  const graphUser = {
    id: MISSES.objectId,
    userPrincipalName: 'alex.wilber@contoso.example',
    displayName: 'Alex Wilber',
    onPremisesDomainName: MISSES.tenantName,
  };
  const mailbox = [{ ExchangeGuid: MISSES.mailboxGuid, ExternalDirectoryObjectId: MISSES.objectId, OrganizationalUnit: `${MISSES.tenantDomain}/Users` }];
  const devices = [{ Guid: MISSES.deviceGuid, DeviceID: MISSES.deviceIdCapitalD, DevicePhoneNumber: MISSES.phoneNumber, DeviceFriendlyName: MISSES.deviceFriendlyName }];
  let { doc } = await fixture.store.attachEvidence(fixture.doc, { id: 'ev-user', step: 'check-sign-ins', kind: 'graph', source: 'GET /users', contentType: 'application/json' }, JSON.stringify(graphUser));
  ({ doc } = await fixture.store.attachEvidence(doc, { id: 'ev-mbx', step: 'check-mailbox', kind: 'cmdlet', source: 'Get-CASMailbox', contentType: 'application/json' }, JSON.stringify(mailbox)));
  ({ doc } = await fixture.store.attachEvidence(doc, { id: 'ev-dev2', step: 'check-device', kind: 'cmdlet', source: 'Get-MobileDeviceStatistics', contentType: 'application/json' }, JSON.stringify(devices)));
  ({ doc } = await fixture.store.attachEvidence(
    doc,
    { id: 'ev-notes', step: 'read-log', kind: 'mailbox-log', source: 'notes', contentType: 'text/plain; charset=utf-8' },
    `Called ${MISSES.reversedName}; ${MISSES.firstName} says the phone (IMEI ${MISSES.imeiInText}) stopped.\r\n` +
      `Tenant ${MISSES.tenantName}, client ::ffff:${MISSES.mappedIpv4Tail}, token ${demoToken} pasted by mistake.\r\n`,
  ));
  const outPath = path.join(fixture.root, 'redacted.zip');
  await exportCaseBundle({ caseFolder: fixture.store.folderOf(doc.id), outPath, appVersion: '1.0.0', redact: true });
  const entries = await readZipEntries(outPath);
  texts = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
});
afterAll(() => fixture.cleanup());

describe('a redacted bundle leaves nothing the review found', () => {
  it.each(Object.entries(MISSES))('%s is gone', (_what, value) => {
    expect(texts.toLowerCase()).not.toContain(value.toLowerCase());
  });

  it('no tail of the IPv4-mapped IPv6 address is left either', () => {
    expect(texts).not.toContain('.96.77.88');
    expect(texts).not.toContain('.77.88');
  });

  it('a demo token in free text is scrubbed (in any bundle, redacted or not)', () => {
    expect(texts).not.toContain(demoToken);
    expect(texts).not.toContain(demoToken.split('.')[2]!);
  });

  it('the app accepts its own redaction when the bundle is imported (the claim check agrees)', async () => {
    const library = new CaseStore(path.join(fixture.root, 'reviewer'));
    const doc = await importCaseBundle(library, path.join(fixture.root, 'redacted.zip'));
    expect(doc.imported?.redacted).toBe(true);
  });
});
