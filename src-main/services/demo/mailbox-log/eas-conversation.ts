import type { LogDevice, LogEntry } from './mailbox-log-writer';
import { bodyMarker, el, pii, type XmlElement } from './xml-body';

type Access = Pick<LogEntry, 'accessState' | 'accessStateReason' | 'deviceAccessControlRule'>;
type Extra = Partial<Omit<LogEntry, 'requestTime' | 'identifier' | 'cmd'>>;

/**
 * Builds a believable sequence of EAS requests for one device, so each built-in scenario's log
 * tells its story (provision, folder sync, sync, ping, throttling, loops) with consistent keys,
 * identifiers and times. Used only to generate the scenario .txt files.
 */
export class EasConversation {
  readonly entries: LogEntry[] = [];
  private clock: number;
  private nextId: number;
  access: Access = { accessState: 'Allowed', accessStateReason: 'Global' };
  policyKey = '0';

  constructor(
    readonly device: LogDevice,
    start: string,
    identifierSeed: number,
  ) {
    this.clock = Date.parse(start);
    this.nextId = identifierSeed;
  }

  /** Moves the clock on without a request (the device was idle). */
  wait(seconds: number): this {
    this.clock += seconds * 1000;
    return this;
  }

  /** Any request; times advance by `seconds` after it. */
  request(
    cmd: string,
    request: XmlElement | null,
    response: XmlElement | null,
    extra: Extra = {},
    seconds = 1,
  ): this {
    const requestTime = new Date(this.clock).toISOString();
    this.entries.push({
      requestTime,
      identifier: (this.nextId++).toString(16).toUpperCase().padStart(8, '0'),
      cmd,
      policyKey: this.policyKey,
      request,
      response,
      ...this.access,
      ...extra,
    });
    this.clock += seconds * 1000;
    return this;
  }

  /** Initial Provision (with DeviceInformation) and its acknowledgement. */
  provision(model: string, os: string, tempKey = '3942815770', finalKey = '1166421309'): this {
    const policy = (...extra: XmlElement[]) =>
      el('Policies', null, el('Policy', null, el('PolicyType', null, 'MS-EAS-Provisioning-WBXML'), ...extra));
    this.request(
      'Provision',
      el(
        'Provision',
        'Provision:',
        el(
          'DeviceInformation',
          'Settings:',
          el(
            'Set',
            null,
            el('Model', null, model),
            el('OS', null, os),
            el('OSLanguage', null, 'en-US'),
            pii('FriendlyName', null, 14),
          ),
        ),
        policy(),
      ),
      el(
        'Provision',
        'Provision:',
        el('DeviceInformation', 'Settings:', el('Status', null, 1)),
        el('Status', null, 1),
        policy(el('Status', null, 1), el('PolicyKey', null, tempKey), el('Data', null)),
      ),
    );
    this.policyKey = tempKey;
    this.request(
      'Provision',
      el('Provision', 'Provision:', policy(el('PolicyKey', null, tempKey), el('Status', null, 1))),
      el(
        'Provision',
        'Provision:',
        el('Status', null, 1),
        policy(el('Status', null, 1), el('PolicyKey', null, finalKey)),
      ),
    );
    this.policyKey = finalKey;
    return this;
  }

  /** FolderSync; a status other than 1 (or a global status) comes back without changes. */
  folderSync(syncKey: string, newKey: string | null, status = 1, extra: Extra = {}): this {
    const response =
      status === 1 && newKey !== null
        ? el(
            'FolderSync',
            'FolderHierarchy:',
            el('Status', null, 1),
            el('SyncKey', null, newKey),
            el('Changes', null, el('Count', null, syncKey === '0' ? 12 : 0)),
          )
        : el('FolderSync', 'FolderHierarchy:', el('Status', null, status));
    return this.request(
      'FolderSync',
      el('FolderSync', 'FolderHierarchy:', el('SyncKey', null, syncKey)),
      response,
      extra,
    );
  }

  /** Sync of one collection; `adds` > 0 puts that many new mails in the response. */
  sync(
    collectionId: string,
    syncKey: string,
    newKey: string,
    options: { status?: number; adds?: number; globalStatus?: number } = {},
    extra: Extra = {},
  ): this {
    const { status = 1, adds = 0, globalStatus } = options;
    const request = el(
      'Sync',
      'AirSync:',
      el(
        'Collections',
        null,
        el(
          'Collection',
          null,
          el('SyncKey', null, syncKey),
          el('CollectionId', null, collectionId),
          ...(syncKey === '0' ? [] : [el('GetChanges', null, 1), el('WindowSize', null, 25)]),
        ),
      ),
    );
    const commands = Array.from({ length: adds }, (_, i) =>
      el(
        'Add',
        null,
        el('ServerId', null, `${collectionId}:${i + 1}`),
        el(
          'ApplicationData',
          null,
          pii('To', 'Email:', 30),
          pii('From', null, 28),
          pii('Subject', null, 22 + i),
          el('DateReceived', null, new Date(this.clock - (i + 1) * 60_000).toISOString()),
          el('Read', null, 0),
          el(
            'Body',
            'AirSyncBase:',
            el('Type', null, 2),
            el('EstimatedDataSize', null, 2817 + i),
            el('Truncated', null, 1),
            bodyMarker(2817 + i),
          ),
        ),
      ),
    );
    const response =
      globalStatus !== undefined
        ? el('Sync', 'AirSync:', el('Status', null, globalStatus))
        : el(
            'Sync',
            'AirSync:',
            el(
              'Collections',
              null,
              el(
                'Collection',
                null,
                el('SyncKey', null, status === 3 ? '0' : newKey),
                el('CollectionId', null, collectionId),
                el('Status', null, status),
                ...(adds > 0 ? [el('Commands', null, ...commands)] : []),
              ),
            ),
          );
    return this.request('Sync', request, response, extra);
  }

  /** A hanging Ping answered after `heartbeat` seconds: 1 = nothing changed, 2 = changes. */
  ping(heartbeat: number, status: 1 | 2 = 2, extra: Extra = {}): this {
    const request = el(
      'Ping',
      'Ping:',
      el('HeartbeatInterval', null, heartbeat),
      el('Folders', null, el('Folder', null, el('Id', null, 5), el('Class', null, 'Email'))),
    );
    const response = el(
      'Ping',
      'Ping:',
      el('Status', null, status),
      ...(status === 2 ? [el('Folders', null, el('Folder', null, 5))] : []),
    );
    const start = this.clock;
    this.request(
      'Ping',
      request,
      response,
      { wasPending: true, responseTime: new Date(start + heartbeat * 1000).toISOString(), ...extra },
      heartbeat + 1,
    );
    return this;
  }

  /** A Ping still hanging when the log was pulled: a request with no response yet (facts F29). */
  pendingPing(heartbeat: number): this {
    const request = el(
      'Ping',
      'Ping:',
      el('HeartbeatInterval', null, heartbeat),
      el('Folders', null, el('Folder', null, el('Id', null, 5), el('Class', null, 'Email'))),
    );
    return this.request('Ping', request, null, { pending: true }, heartbeat + 1);
  }

  /** SendMail; success has no XML response, a failure carries the global status. */
  sendMail(status: number | null = null, extra: Extra = {}): this {
    const request = el(
      'SendMail',
      'ComposeMail:',
      el('ClientId', null, `SendMail-${this.nextId}`),
      el('SaveInSentItems', null),
      el('Mime', null, '[Mime Removed] BytesCount = 1843'),
    );
    return this.request(
      'SendMail',
      request,
      status === null ? null : el('SendMail', 'ComposeMail:', el('Status', null, status)),
      extra,
    );
  }
}
