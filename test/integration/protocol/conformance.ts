import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchSpec } from '../../../src-main/services/powershell/launch-spec';
import {
  hostErrorKindSchema,
  readyMessageSchema,
  responseMessageSchema,
} from '../../../src-main/services/powershell/protocol';
import { RawHost } from './raw-host';

/**
 * What a host under test must provide beyond the protocol itself. Defaults fit the real host
 * with the stub ExchangeOnlineManagement module; the demo tenant's simulated shell passes its own.
 */
export interface ConformanceOptions {
  /** Params for a Connect-ExchangeOnline that succeeds. */
  connectParams?: Record<string, unknown>;
  /** A mailbox that exists and has at least one mobile device. */
  mailboxWithDevice?: string;
  /** Get-MobileDevice params that list at least one device (3+ makes the paging check richer). */
  pagedListing?: Record<string, unknown>;
}

const DEFAULTS: Required<ConformanceOptions> = {
  connectParams: {
    AccessToken: 'conformance-token-7f3a9c',
    UserPrincipalName: 'admin@contoso.onmicrosoft.com',
    ShowBanner: false,
  },
  mailboxWithDevice: 'alex@contoso.com',
  pagedListing: { Mailbox: 'many-7@contoso.com', ResultSize: 'Unlimited' },
};

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

type Message = Record<string, unknown>;

function errorOf(message: Message): Record<string, unknown> {
  expect(message.ok, JSON.stringify(message).slice(0, 500)).toBe(false);
  return message.error as Record<string, unknown>;
}

function expectOk(message: Message): unknown[] {
  expect(message.ok, JSON.stringify(message).slice(0, 500)).toBe(true);
  expect(Array.isArray(message.data)).toBe(true);
  return message.data as unknown[];
}

/** Every string in a JSON tree, with its property path. */
function* stringsIn(value: unknown, at = '$'): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) yield* stringsIn(item, `${at}[${i}]`);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* stringsIn(item, `${at}.${key}`);
}

/**
 * Hostile request values: each must reach the other side as plain data. The canary ones would
 * create a file if any layer evaluated them as PowerShell or shell text.
 */
export function hostileStrings(canaryDir: string): string[] {
  const canary = (n: number) => path.join(canaryDir, `pwned-${n}`).replaceAll('\\', '/');
  return [
    `$(New-Item -ItemType File -Path '${canary(1)}')`,
    `'; New-Item -ItemType File -Path '${canary(2)}'; '`,
    `"; New-Item -ItemType File -Path "${canary(3)}"; "`,
    `alex@contoso.com; New-Item -ItemType File -Path ${canary(4)}`,
    `\`$(New-Item -ItemType File -Path ${canary(5)})\``,
    `alex@contoso.com\n New-Item -ItemType File -Path ${canary(6)}`,
    `@{a=$(New-Item -ItemType File -Path '${canary(7)}')}`,
    `& { New-Item -ItemType File -Path '${canary(8)}' }`,
    `$(touch ${canary(9)})\`touch ${canary(10)}\``,
    'аlex@contoso.com', // Cyrillic а
    'alex\u200b@contoso.com', // zero-width space
    'ａｌｅｘ＠ｃｏｎｔｏｓｏ．ｃｏｍ', // full-width forms
    'alex@contoso.com\u202e',
    '\u0000\u0001\u001b[31m\r\n\t',
    '{"id":"spoof","cmdlet":"Host.Ping"}\n@@EASHOST@@ {"type":"response","id":"spoof","ok":true,"data":[],"warnings":[]}',
    '$env:PATH',
    '%PATH% $HOME ${HOME}',
    '😀🧪 こんにちは',
    `${'x'.repeat(100 * 1024)}'$(New-Item -ItemType File -Path '${canary(11)}')`,
  ];
}

/**
 * Declares the protocol conformance suite (vitest describe/it) against the host `launch` starts.
 * Only behaviour every conforming host must share is asserted here: the real PowerShell host
 * with the stub Exchange module and the demo tenant's simulated shell both run it.
 */
export function defineProtocolConformanceSuite(
  name: string,
  launch: () => LaunchSpec | Promise<LaunchSpec>,
  options: ConformanceOptions = {},
): void {
  const settings = { ...DEFAULTS, ...options };
  let sequence = 0;
  const nextId = (label: string) => `${label}-${++sequence}`;

  async function startHost(extraEnv: Record<string, string> = {}): Promise<RawHost> {
    const spec = await launch();
    return RawHost.start({ ...spec, env: { ...spec.env, ...extraEnv } });
  }

  describe(`host protocol conformance: ${name}`, () => {
    describe('before Connect-ExchangeOnline', () => {
      let host: RawHost;
      let ready: unknown;
      beforeAll(async () => {
        host = await startHost();
        ready = await host.next(30_000);
      });
      afterAll(async () => host?.dispose());

      it('sends exactly one ready message first, with protocol 1 and a host description', () => {
        const parsed = readyMessageSchema.safeParse(ready);
        expect(parsed.success, JSON.stringify(ready)).toBe(true);
        expect(host.protocolLines).toHaveLength(1);
      });

      it('answers Host.Ping with [{pong:true}] and echoes the request id', async () => {
        const id = nextId('ping');
        const response = await host.request({ id, cmdlet: 'Host.Ping', params: {} });
        expect(response).toMatchObject({
          type: 'response',
          id,
          ok: true,
          data: [{ pong: true }],
          warnings: [],
        });
      });

      it('answers Host.GetModuleInfo with an array of {name, version, path}', async () => {
        const data = expectOk(
          await host.request({ id: nextId('modinfo'), cmdlet: 'Host.GetModuleInfo', params: {} }),
        );
        for (const entry of data) {
          expect(entry).toMatchObject({ name: 'ExchangeOnlineManagement' });
          expect((entry as Message).version).toMatch(/^\d+\.\d+(\.\d+){0,2}$/);
          expect(typeof (entry as Message).path).toBe('string');
        }
      });

      it('answers requests in the order received', async () => {
        const ids = [1, 2, 3, 4, 5].map(() => nextId('order'));
        for (const id of ids) host.sendLine(JSON.stringify({ id, cmdlet: 'Host.Ping', params: {} }));
        const answered: unknown[] = [];
        for (let i = 0; i < ids.length; i++) answered.push(((await host.next()) as Message).id);
        expect(answered).toEqual(ids);
      });

      it.each([
        'Invoke-Expression',
        'Get-Process',
        'Remove-Mailbox',
        'get-casmailbox',
        'Get-CASMailbox; Remove-Item /',
        'Get-CASMailbox ',
        'Host.Exit',
        '',
      ])('refuses %j as not-allowed', async (cmdlet) => {
        const id = nextId('deny');
        const response = await host.request({ id, cmdlet, params: {} });
        expect(response.id).toBe(id);
        expect(errorOf(response).kind).toBe('not-allowed');
        expect(response).not.toHaveProperty('data');
      });

      it.each([
        ['an unknown parameter', 'Get-CASMailbox', { Identity: 'alex@contoso.com', Filter: 'x' }],
        ['a parameter name in the wrong case', 'Get-CASMailbox', { identity: 'alex@contoso.com' }],
        ['a number for a string', 'Get-CASMailbox', { Identity: 5 }],
        ['null for a string', 'Get-CASMailbox', { Identity: null }],
        ['a string for a switch', 'Get-CASMailbox', { Identity: 'a', ActiveSyncDebugLogging: 'true' }],
        ['a missing required parameter', 'Get-CASMailbox', {}],
        [
          'a string for string[]',
          'Get-MobileDeviceStatistics',
          { Mailbox: 'a', NotificationEmailAddresses: 'a@b' },
        ],
        ['a number inside string[]', 'Connect-ExchangeOnline', { CommandName: ['Get-User', 1] }],
        [
          'a fraction for an int',
          'Test-ClientAccessRule',
          {
            User: 'a',
            Protocol: 'ExchangeActiveSync',
            AuthenticationType: 'OAuthAuthentication',
            RemoteAddress: '192.0.2.1',
            RemotePort: 44.5,
          },
        ],
        [
          'a string for an int',
          'Test-ClientAccessRule',
          {
            User: 'a',
            Protocol: 'ExchangeActiveSync',
            AuthenticationType: 'OAuthAuthentication',
            RemoteAddress: '192.0.2.1',
            RemotePort: '443',
          },
        ],
        ['a string for a bool', 'Set-CASMailbox', { Identity: 'a', ActiveSyncEnabled: 'false' }],
        [
          'an unknown key in a multivalued update',
          'Set-CASMailbox',
          { Identity: 'a', ActiveSyncAllowedDeviceIDs: { Add: ['X'], Replace: ['Y'] } },
        ],
        [
          'a plain list for a multivalued update',
          'Set-CASMailbox',
          { Identity: 'a', ActiveSyncBlockedDeviceIDs: ['X'] },
        ],
        ['a write with nothing to change', 'Set-CASMailbox', { Identity: 'a' }],
        ['params that are not an object', 'Get-CASMailbox', ['Identity', 'a']],
      ])('answers invalid-params for %s', async (_label, cmdlet, params) => {
        const id = nextId('params');
        const response = await host.request({ id, cmdlet, params });
        expect(response.id).toBe(id);
        const error = errorOf(response);
        expect(error.kind).toBe('invalid-params');
        expect(error.cmdlet).toBe(cmdlet);
      });

      it.each(['Get-CASMailbox', 'Get-MobileDevice', 'Get-OrganizationConfig', 'Set-CASMailbox'])(
        'answers not-connected for %s before Connect-ExchangeOnline',
        async (cmdlet) => {
          const params: Record<string, Record<string, unknown>> = {
            'Get-CASMailbox': { Identity: settings.mailboxWithDevice },
            'Set-CASMailbox': { Identity: settings.mailboxWithDevice, ActiveSyncDebugLogging: true },
          };
          const response = await host.request({ id: nextId('nc'), cmdlet, params: params[cmdlet] ?? {} });
          expect(errorOf(response).kind).toBe('not-connected');
        },
      );

      it('answers garbage lines with bad-request (id null when unreadable) and keeps serving', async () => {
        const garbage = [
          'garbage',
          '{',
          '[]',
          '42',
          '"a string"',
          'null',
          '{"cmdlet":"Host.Ping","params":{}}',
          '{"id":"has space","cmdlet":"Host.Ping"}',
          `{"id":"${'x'.repeat(65)}","cmdlet":"Host.Ping"}`,
          '{"id":7,"cmdlet":"Host.Ping"}',
          '\u001b[31m{"id":"ansi","cmdlet":"Host.Ping"}',
          '\uFEFF\u0000\u0001',
        ];
        for (const line of garbage) {
          host.sendLine(line);
          const response = (await host.next()) as Message;
          expect(response.id, line).toBeNull();
          expect(errorOf(response).kind, line).toBe('bad-request');
        }
        const id = nextId('after-garbage');
        host.sendLine(JSON.stringify({ id, cmdlet: 'Host.Ping', params: {} }));
        expect(await host.next()).toMatchObject({ id, ok: true });
      });

      it('answers bad-request with the id when the cmdlet is missing', async () => {
        const id = nextId('nocmd');
        const response = await host.request({ id, params: {} });
        expect(response.id).toBe(id);
        expect(errorOf(response).kind).toBe('bad-request');
      });

      it('takes a 1 MB request line whole and stays in step', async () => {
        const id = nextId('big-in');
        const response = await host.request({
          id,
          cmdlet: 'Get-CASMailbox',
          params: { Identity: 'y'.repeat(1024 * 1024) },
        });
        expect(response.id).toBe(id);
        expect(errorOf(response).kind).toBe('not-connected');
        expect(await host.request({ id: nextId('ping'), cmdlet: 'Host.Ping', params: {} })).toMatchObject({
          ok: true,
        });
      });

      it('writes every protocol message as one compact JSON line matching the spec', () => {
        const [readyLine, ...responseLines] = host.protocolLines;
        expect(readyMessageSchema.safeParse(JSON.parse(readyLine ?? 'null')).success).toBe(true);
        expect(responseLines.length).toBeGreaterThan(40);
        for (const line of responseLines) {
          const parsed = responseMessageSchema.safeParse(JSON.parse(line));
          expect(parsed.success, `${line.slice(0, 300)} ${parsed.success ? '' : parsed.error.message}`).toBe(
            true,
          );
          if (parsed.success && !parsed.data.ok) {
            expect(hostErrorKindSchema.options).toContain(parsed.data.error.kind);
            expect(parsed.data.error.message.length).toBeGreaterThan(0);
          }
        }
      });

      it('exits with code 0 when stdin reaches end-of-file', async () => {
        expect(await host.endInput()).toBe(0);
      });
    });

    describe('connected to Exchange Online', () => {
      let host: RawHost;
      let canaryDir: string;
      beforeAll(async () => {
        canaryDir = mkdtempSync(path.join(os.tmpdir(), 'eas-conformance-'));
        host = await startHost();
        await host.next(30_000);
      });
      afterAll(async () => {
        await host?.dispose();
        rmSync(canaryDir, { recursive: true, force: true });
      });

      it('connects with a token passed as a request parameter, never echoing it', async () => {
        const response = await host.request(
          { id: nextId('connect'), cmdlet: 'Connect-ExchangeOnline', params: settings.connectParams },
          60_000,
        );
        expectOk(response);
        const token = settings.connectParams.AccessToken;
        if (typeof token === 'string') {
          for (const line of host.protocolLines) expect(line.includes(token)).toBe(false);
          expect(host.stderr.includes(token)).toBe(false);
        }
      });

      it('returns one mailbox as an array of one, with multi-valued properties as arrays', async () => {
        const data = expectOk(
          await host.request({
            id: nextId('cas'),
            cmdlet: 'Get-CASMailbox',
            params: { Identity: settings.mailboxWithDevice, ActiveSyncDebugLogging: true },
          }),
        );
        expect(data).toHaveLength(1);
        const mailbox = data[0] as Message;
        expect(Array.isArray(mailbox.ActiveSyncAllowedDeviceIDs)).toBe(true);
        expect(Array.isArray(mailbox.ActiveSyncBlockedDeviceIDs)).toBe(true);
        expect(typeof mailbox.ActiveSyncEnabled).toBe('boolean');
        expect(typeof mailbox.ActiveSyncDebugLogging).toBe('boolean');
      });

      it('writes enums as names and dates as ISO 8601 UTC with Z', async () => {
        const data = expectOk(
          await host.request({
            id: nextId('stats'),
            cmdlet: 'Get-MobileDeviceStatistics',
            params: { Mailbox: settings.mailboxWithDevice },
          }),
        );
        expect(data.length).toBeGreaterThan(0);
        const device = data[0] as Message;
        expect(['Unknown', 'Allowed', 'Blocked', 'Quarantined', 'DeviceDiscovery']).toContain(
          device.DeviceAccessState,
        );
        expect(typeof device.DeviceAccessStateReason).toBe('string');
        const syncTimes = ['FirstSyncTime', 'LastSyncAttemptTime', 'LastSuccessSync']
          .map((key) => device[key])
          .filter((v) => v != null);
        expect(syncTimes.length).toBeGreaterThan(0);
        for (const value of syncTimes) expect(value).toMatch(ISO_UTC);
        for (const [at, value] of stringsIn(data))
          if (DATE_LIKE.test(value)) expect(value, at).toMatch(ISO_UTC);
      });

      it('returns the mailbox log as MailboxLogReport text per device', async () => {
        const data = expectOk(
          await host.request({
            id: nextId('log'),
            cmdlet: 'Get-MobileDeviceStatistics',
            params: { Mailbox: settings.mailboxWithDevice, GetMailboxLog: true },
          }),
        );
        expect(data.length).toBeGreaterThan(0);
        for (const device of data) expect(typeof (device as Message).MailboxLogReport).toBe('string');
      });

      it('answers a retired or missing cmdlet with command-not-found, or with data where it still exists', async () => {
        const response = await host.request({
          id: nextId('car'),
          cmdlet: 'Get-ClientAccessRule',
          params: {},
        });
        if (response.ok === true) expect(Array.isArray(response.data)).toBe(true);
        else expect(errorOf(response).kind).toBe('command-not-found');
      });

      it('pages a listing: full pages wait for "more", the rest and the total come in the response', async () => {
        const whole = expectOk(
          await host.request({ id: nextId('all'), cmdlet: 'Get-MobileDevice', params: settings.pagedListing }),
        ) as Array<{ DeviceId: string }>;
        expect(whole.length).toBeGreaterThanOrEqual(1);
        const size = whole.length >= 3 ? 2 : 1;
        const id = nextId('paged');
        host.sendLine(JSON.stringify({ id, cmdlet: 'Get-MobileDevice', params: settings.pagedListing, page: { size } }));
        const received: Array<{ DeviceId: string }> = [];
        for (let seq = 1; seq <= Math.floor(whole.length / size); seq++) {
          const page = (await host.next()) as Record<string, unknown>;
          expect(page).toMatchObject({ type: 'page', id, seq, count: seq * size });
          received.push(...(page.data as Array<{ DeviceId: string }>));
          host.sendLine(JSON.stringify({ type: 'more', id }));
        }
        const final = (await host.next()) as Record<string, unknown>;
        received.push(...(expectOk(final) as Array<{ DeviceId: string }>));
        expect(final.count).toBe(whole.length);
        expect(received.map((d) => d.DeviceId)).toEqual(whole.map((d) => d.DeviceId));
      });

      it('stops a paged listing on "cancel" with a cancelled error and keeps serving', async () => {
        const id = nextId('cancel');
        host.sendLine(JSON.stringify({ id, cmdlet: 'Get-MobileDevice', params: settings.pagedListing, page: { size: 1 } }));
        expect(await host.next()).toMatchObject({ type: 'page', id, seq: 1, count: 1 });
        host.sendLine(JSON.stringify({ type: 'cancel', id }));
        const final = (await host.next()) as Record<string, unknown>;
        expect(final.id).toBe(id);
        expect(errorOf(final).kind).toBe('cancelled');
        expect(await host.request({ id: nextId('ping'), cmdlet: 'Host.Ping', params: {} })).toMatchObject({ ok: true });
        const refused = await host.request({ id: nextId('paged-write'), cmdlet: 'Set-CASMailbox', params: { Identity: settings.mailboxWithDevice }, page: { size: 2 } });
        expect(errorOf(refused).kind).toBe('invalid-params');
      });

      it('answers a failing cmdlet with a cmdlet-error envelope', async () => {
        const response = await host.request({
          id: nextId('missing'),
          cmdlet: 'Get-User',
          params: { Identity: 'no-such-user-5d1c@contoso.com' },
        });
        const error = errorOf(response);
        expect(error.kind).toBe('cmdlet-error');
        expect(error.cmdlet).toBe('Get-User');
        expect(typeof error.category).toBe('string');
        expect(typeof error.fullyQualifiedErrorId).toBe('string');
        expect(String(error.message)).toContain('no-such-user-5d1c@contoso.com');
      });

      it('keeps hostile identities and values inert', async () => {
        for (const value of hostileStrings(canaryDir)) {
          const id = nextId('hostile');
          const lookup = await host.request({ id, cmdlet: 'Get-User', params: { Identity: value } });
          expect(lookup.id).toBe(id);
          expect(['cmdlet-error', undefined]).toContain((lookup.error as Message | undefined)?.kind);
          const listed = await host.request({
            id: nextId('hostile-list'),
            cmdlet: 'Get-MobileDeviceStatistics',
            params: { Mailbox: settings.mailboxWithDevice, NotificationEmailAddresses: [value] },
          });
          expect(listed.type).toBe('response');
        }
        expect(await host.request({ id: nextId('ping'), cmdlet: 'Host.Ping', params: {} })).toMatchObject({
          ok: true,
        });
        for (let n = 1; n <= 11; n++) expect(existsSync(path.join(canaryDir, `pwned-${n}`))).toBe(false);
      });

      it('returns an empty array from a cmdlet that writes nothing, and is not connected afterwards', async () => {
        const data = expectOk(
          await host.request({
            id: nextId('disconnect'),
            cmdlet: 'Disconnect-ExchangeOnline',
            params: { Confirm: false },
          }),
        );
        expect(data).toEqual([]);
        const after = await host.request({ id: nextId('nc'), cmdlet: 'Get-OrganizationConfig', params: {} });
        expect(errorOf(after).kind).toBe('not-connected');
      });
    });

    describe('output cap (EAS_HOST_MAX_OUTPUT_BYTES)', () => {
      let host: RawHost;
      beforeAll(async () => {
        host = await startHost({ EAS_HOST_MAX_OUTPUT_BYTES: '400' });
        await host.next(30_000);
      });
      afterAll(async () => host?.dispose());

      it('answers output-too-large for a result over the cap and keeps serving', async () => {
        await host.request(
          { id: nextId('connect'), cmdlet: 'Connect-ExchangeOnline', params: settings.connectParams },
          60_000,
        );
        const id = nextId('big-out');
        const response = await host.request({
          id,
          cmdlet: 'Get-MobileDeviceStatistics',
          params: { Mailbox: settings.mailboxWithDevice, GetMailboxLog: true },
        });
        expect(response.id).toBe(id);
        expect(errorOf(response).kind).toBe('output-too-large');
        expect(await host.request({ id: nextId('ping'), cmdlet: 'Host.Ping', params: {} })).toMatchObject({
          ok: true,
        });
      });
    });
  });
}

/**
 * Paged listings with a window (PROTOCOL.md "Paged results"): a host with a listing of at least
 * three objects, so that two pages of one go out before it has to wait. Its own host, since the
 * main suite's demo tenant has a single device.
 */
export function defineWindowedPagingSuite(
  name: string,
  launch: () => LaunchSpec | Promise<LaunchSpec>,
  options: { connectParams?: Record<string, unknown>; listing?: Record<string, unknown> } = {},
): void {
  const settings = { connectParams: options.connectParams ?? DEFAULTS.connectParams, listing: options.listing ?? DEFAULTS.pagedListing };
  let sequence = 0;
  const nextId = (label: string) => `${label}-${++sequence}`;

  describe(`host protocol conformance, paging with a window: ${name}`, () => {
    let host: RawHost;
    beforeAll(async () => {
      host = await RawHost.start(await launch());
      await host.next(30_000);
      expectOk(await host.request({ id: nextId('connect'), cmdlet: 'Connect-ExchangeOnline', params: settings.connectParams }, 30_000));
    }, 60_000);
    afterAll(async () => host?.dispose());

    it('pages with a window: that many pages go out before the host waits, answers owed at the end are not requests', async () => {
      const whole = expectOk(
        await host.request({ id: nextId('all'), cmdlet: 'Get-MobileDevice', params: settings.listing }),
      ) as Array<{ DeviceId: string }>;
      expect(whole.length).toBeGreaterThanOrEqual(3);
      const id = nextId('window');
      host.sendLine(JSON.stringify({ id, cmdlet: 'Get-MobileDevice', params: settings.listing, page: { size: 1, window: 2 } }));
      const received: Array<{ DeviceId: string }> = [];
      for (const seq of [1, 2]) {
        const page = (await host.next()) as Record<string, unknown>;
        expect(page).toMatchObject({ type: 'page', id, seq, count: seq });
        received.push(...(page.data as Array<{ DeviceId: string }>));
      }
      // The window is full: nothing more until the first page is answered.
      await expect(host.next(700)).rejects.toThrow(/no protocol message/);
      for (let i = 0; i < whole.length; i++) host.sendLine(JSON.stringify({ type: 'more', id }));
      for (let seq = 3; seq <= whole.length; seq++) {
        const page = (await host.next()) as Record<string, unknown>;
        expect(page).toMatchObject({ type: 'page', id, seq, count: seq });
        received.push(...(page.data as Array<{ DeviceId: string }>));
      }
      const final = (await host.next()) as Record<string, unknown>;
      expect(expectOk(final)).toEqual([]);
      expect(final.count).toBe(whole.length);
      expect(received.map((d) => d.DeviceId)).toEqual(whole.map((d) => d.DeviceId));
      // The answer to the last page came after the response; the next line is a request again.
      const pingId = nextId('ping');
      expect(await host.request({ id: pingId, cmdlet: 'Host.Ping', params: {} })).toMatchObject({ id: pingId, ok: true });
    });

    it('stops a windowed listing on the first "cancel" it reads, and reads the answers still owed', async () => {
      const id = nextId('window-cancel');
      host.sendLine(JSON.stringify({ id, cmdlet: 'Get-MobileDevice', params: settings.listing, page: { size: 1, window: 2 } }));
      expect(await host.next()).toMatchObject({ type: 'page', id, seq: 1 });
      expect(await host.next()).toMatchObject({ type: 'page', id, seq: 2 });
      host.sendLine(JSON.stringify({ type: 'cancel', id }));
      host.sendLine(JSON.stringify({ type: 'cancel', id }));
      const final = (await host.next()) as Record<string, unknown>;
      expect(final.id).toBe(id);
      expect(errorOf(final).kind).toBe('cancelled');
      const pingId = nextId('ping');
      expect(await host.request({ id: pingId, cmdlet: 'Host.Ping', params: {} })).toMatchObject({ id: pingId, ok: true });
      const refused = await host.request({ id: nextId('window-bad'), cmdlet: 'Get-MobileDevice', params: settings.listing, page: { size: 1, window: 9 } });
      expect(errorOf(refused).kind).toBe('invalid-params');
    });
  });
}
