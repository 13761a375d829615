import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CaseDocument } from '../../../../src-main/shared/models/case';
import { exportCaseBundle } from '../../../../src-main/services/cases/bundle/bundle-writer';
import { CaseStore } from '../../../../src-main/services/cases/case-store';

/** Every personal identifier the fixture case contains; redaction must remove all of them. */
export const IDENTIFIERS = {
  upn: 'alex.wilber@contoso.example',
  alias: 'alex.wilber',
  otherEmail: 'megan.bowen@contoso.example',
  deviceId: 'androidc1234567890',
  imei: '356938035643809',
  displayName: 'Alex Wilber',
  friendlyName: 'Alex Galaxy S23',
  operator: 'Megan Bowen',
  ipv4: '52.96.12.34',
  ipv6: '2603:1036:302:4c::5',
};

/** Secrets planted in evidence; no bundle may contain them. */
export const SECRETS = {
  jwt: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL291dGxvb2sub2ZmaWNlMzY1LmNvbSJ9.c2lnbmF0dXJlLXZhbHVl',
  basic: 'YWxleDpQYXNzdzByZCE=',
  password: 'Passw0rd!Secret',
};

/** A mailbox log in MailboxLogReport layout, with `entries` entries. */
export function mailboxLog(entries: number): string {
  const parts: string[] = [];
  for (let n = 0; n < entries; n++) {
    parts.push(
      `\r\n-----------------\r\n Log Entry: ${n}\r\n-----------------\r\n\r\n` +
        `RequestTime : \r\n05/14/2024 10:${String(n % 60).padStart(2, '0')}:02\r\n\r\n` +
        `RequestHeader : \r\nPOST /Microsoft-Server-ActiveSync/Proxy/default.eas?Cmd=Sync&User=${IDENTIFIERS.upn}&DeviceId=${IDENTIFIERS.deviceId}&DeviceType=SAMSUNGSMS918B HTTP/1.1\r\n` +
        `Authorization: ********\r\nX-Forwarded-For: ${IDENTIFIERS.ipv4}\r\nMS-ASProtocolVersion: 14.1\r\n\r\n` +
        `ResponseBody : \r\n<?xml version="1.0" encoding="utf-8" ?>\r\n<Sync xmlns="AirSync:">\r\n\t<Status>${n % 2 === 0 ? 144 : 1}</Status>\r\n</Sync>\r\n\r\n`,
    );
  }
  return parts.join('');
}

export interface FixtureCase {
  root: string;
  store: CaseStore;
  doc: CaseDocument;
  cleanup(): Promise<void>;
}

/** A store in a temp folder holding one realistic case with cmdlet, Graph and log evidence. */
export async function createFixtureCase(): Promise<FixtureCase> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'eas-cases-'));
  const store = new CaseStore(path.join(root, 'cases'));
  let doc = await store.create({
    operator: { name: IDENTIFIERS.operator, upn: IDENTIFIERS.otherEmail },
    subject: {
      userUpn: IDENTIFIERS.upn,
      deviceId: IDENTIFIERS.deviceId,
      symptom: 'Mail stopped syncing',
      ticketRef: 'INC-20417',
    },
    connection: { kind: 'demo', scenario: 'quarantined-device' },
    analysisEngineVersion: '1.0.0',
  });
  const device = {
    DeviceId: IDENTIFIERS.deviceId,
    DeviceImei: IDENTIFIERS.imei,
    FriendlyName: IDENTIFIERS.friendlyName,
    UserDisplayName: IDENTIFIERS.displayName,
    Identity: `${IDENTIFIERS.alias}\\ExchangeActiveSyncDevices\\SAMSUNG§SM-S918B§${IDENTIFIERS.deviceId}`,
    DeviceAccessState: 'Quarantined',
    ClientVersion: '14.1',
  };
  ({ doc } = await store.attachEvidence(
    doc,
    {
      id: 'ev-device',
      step: 'device-access',
      kind: 'cmdlet',
      source: 'Get-MobileDevice',
      contentType: 'application/json',
    },
    JSON.stringify([device], null, 2),
  ));
  const signIns = {
    value: [
      {
        userPrincipalName: IDENTIFIERS.upn,
        userDisplayName: IDENTIFIERS.displayName,
        ipAddress: IDENTIFIERS.ipv6,
        clientAppUsed: 'Exchange ActiveSync',
      },
      { userPrincipalName: IDENTIFIERS.upn, ipAddress: IDENTIFIERS.ipv4, status: { errorCode: 53003 } },
    ],
  };
  ({ doc } = await store.attachEvidence(
    doc,
    {
      id: 'ev-signins',
      step: 'check-sign-ins',
      kind: 'graph',
      source: 'GET /auditLogs/signIns',
      contentType: 'application/json',
    },
    JSON.stringify(signIns),
  ));
  ({ doc } = await store.attachEvidence(
    doc,
    {
      id: 'ev-log',
      step: 'read-log',
      kind: 'mailbox-log',
      source: 'Get-MobileDeviceStatistics -GetMailboxLog',
      contentType: 'text/plain; charset=utf-8',
    },
    `${mailboxLog(5)}Authorization: Bearer ${SECRETS.jwt}\r\nAuthorization: Basic ${SECRETS.basic}\r\npassword=${SECRETS.password}\r\n`,
  ));
  ({ doc } = await store.recordUnavailableEvidence(
    doc,
    {
      id: 'ev-whatif',
      step: 'what-if',
      kind: 'what-if',
      source: 'POST /identity/conditionalAccess/evaluate',
      contentType: 'application/json',
    },
    'The What-If check needs Policy.Read.All, which this sign-in does not have.',
  ));
  doc = await store.save({
    ...doc,
    steps: [
      {
        id: 'check-device',
        status: 'done',
        startedAt: doc.createdAt,
        finishedAt: doc.createdAt,
        summary: `Device ${IDENTIFIERS.deviceId} is quarantined`,
        evidence: ['ev-device'],
      },
      { id: 'read-log', status: 'done', summary: 'Log read', evidence: ['ev-log'] },
      { id: 'what-if', status: 'failed', evidence: ['ev-whatif'], error: { message: 'Permission missing' } },
    ],
    findings: [
      {
        code: 'DEVICE_QUARANTINED',
        severity: 'blocker',
        title: 'The phone is waiting in quarantine',
        explanation: `Exchange put ${IDENTIFIERS.displayName}'s phone in quarantine <script>alert(1)</script>.`,
        nextSteps: [{ who: 'tier1-in-app', text: 'Allow the device.', action: 'allow-device' }],
        evidence: [
          {
            step: 'device-access',
            object: `device ${IDENTIFIERS.deviceId}`,
            detail: 'DeviceAccessState = Quarantined',
          },
        ],
        confidence: 'high',
        deviceId: IDENTIFIERS.deviceId,
        rank: 1,
      },
    ],
    audit: [
      {
        at: doc.createdAt,
        who: IDENTIFIERS.otherEmail,
        action: 'run-cmdlet',
        target: 'Get-MobileDevice',
        result: 'succeeded',
      },
      {
        at: doc.createdAt,
        who: 'app',
        action: 'autosave',
        target: doc.id,
        result: 'succeeded',
        details: `client ${IDENTIFIERS.ipv4}`,
      },
    ],
  });
  return { root, store, doc, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Exports the fixture case, unredacted, as good.zip in its root: the valid bundle attacks start from. */
export async function exportFixtureBundle(fixture: FixtureCase): Promise<string> {
  const outPath = path.join(fixture.root, 'good.zip');
  await exportCaseBundle({ caseFolder: fixture.store.folderOf(fixture.doc.id), outPath, appVersion: '1.0.0' });
  return outPath;
}
