import type { Scenario, ScenarioMailbox, ScenarioMobileDevice, ScenarioUser } from './scenario-schema';

/**
 * Expands a scenario's `generatedFleet` into users, mailboxes and mobile devices, deterministically
 * (a seeded PRNG, the scenario's own clock; never the wall clock). The fleet is built to exercise
 * the Devices area: mostly healthy phones allowed by rules or approvals, a quarantine queue of new
 * and unapproved phones, a few blocked, auto-blocked and Intune-quarantined ones, old EAS clients
 * below 16.1 (facts F2), stale partnerships and a few users near the 100-partnership limit (F35),
 * and a few phones with a remote wipe pending (F36).
 */
export function expandGeneratedFleet(scenario: Scenario): Scenario {
  const fleet = scenario.generatedFleet;
  if (fleet === undefined) return scenario;
  const random = mulberry32(fleet.seed);
  const nowMs = Date.parse(scenario.clock.now);
  const domain = scenario.tenant.defaultDomain;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const iso = (ms: number) => new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const DAY = 86_400_000;

  const users: ScenarioUser[] = [];
  const mailboxes: ScenarioMailbox[] = [];
  const takenUpns = new Set(scenario.users.map((u) => u.userPrincipalName.toLowerCase()));
  for (let i = 0; i < fleet.users; i++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    let alias = `${first}.${last}`.toLowerCase();
    if (takenUpns.has(`${alias}@${domain}`)) alias = `${alias}${i}`;
    const upn = `${alias}@${domain}`;
    takenUpns.add(upn);
    users.push({
      id: guid(random),
      userPrincipalName: upn,
      displayName: `${first} ${last}`,
      mail: upn,
      accountEnabled: true,
      jobTitle: pick(JOB_TITLES),
      memberOf: [],
      memberSince: {},
      authenticationPolicy: null,
    });
    mailboxes.push({
      user: upn,
      alias,
      recipientTypeDetails: 'UserMailbox',
      activeSyncEnabled: true,
      owaEnabled: true,
      ewsEnabled: true,
      popEnabled: false,
      imapEnabled: false,
      mapiEnabled: true,
      allowedDeviceIds: [],
      blockedDeviceIds: [],
      mobileDeviceMailboxPolicy: null,
      debugLoggingEnabledAt: null,
    });
  }

  // Who owns each device: a few heavy users get 90-100 partnerships, the rest are spread at random.
  const owners: number[] = [];
  const heavy = Math.min(fleet.heavyUsers, fleet.users);
  for (let h = 0; h < heavy && owners.length < fleet.devices; h++) {
    const count = 90 + Math.floor(random() * 11);
    for (let k = 0; k < count && owners.length < fleet.devices; k++) owners.push(h);
  }
  const heavyOwned = owners.length;
  // Every other user gets at least one device while devices last; the remainder at random.
  for (let u = heavy; u < fleet.users && owners.length < fleet.devices; u++) owners.push(u);
  while (owners.length < fleet.devices) owners.push(heavy + Math.floor(random() * Math.max(1, fleet.users - heavy)));

  const devices: ScenarioMobileDevice[] = [];
  const takenIds = new Set(scenario.exchange.mobileDevices.map((d) => d.deviceId.toUpperCase()));
  owners.forEach((owner, index) => {
    const mailbox = mailboxes[owner]!;
    const profile = pickWeighted(PROFILES, random);
    const model = pick(profile.models);
    let deviceId = deviceIdFor(random, profile.idPrefix);
    while (takenIds.has(deviceId)) deviceId = deviceIdFor(random, profile.idPrefix);
    takenIds.add(deviceId);

    const stalePartnership = index < heavyOwned ? chance(0.92) : chance(0.08);
    const ageRoll = random();
    const firstSyncMs = stalePartnership
      ? nowMs - (120 + random() * 900) * DAY
      : ageRoll < 0.025
        ? nowMs - random() * DAY
        : ageRoll < 0.07
          ? nowMs - (1 + random() * 6) * DAY
          : nowMs - (7 + random() * 1000) * DAY;
    const lastMs = stalePartnership
      ? firstSyncMs + random() * (nowMs - firstSyncMs - 91 * DAY)
      : chance(0.85)
        ? nowMs - random() * 2 * DAY
        : nowMs - (2 + random() * 60) * DAY;
    const lastSyncMs = Math.max(firstSyncMs, lastMs);

    const device: ScenarioMobileDevice = {
      mailbox: mailbox.user,
      deviceId,
      deviceType: model.deviceType ?? profile.deviceType,
      friendlyName: model.friendlyName,
      deviceModel: model.model,
      deviceOS: model.os,
      deviceOSLanguage: 'en-US',
      deviceUserAgent: model.userAgent,
      deviceImei: '',
      deviceMobileOperator: pick(['Contoso Mobile', 'Fabrikam Telecom', '']),
      deviceTelephoneNumber: '',
      clientVersion: model.clientVersion,
      clientType: profile.clientType,
      firstSyncTime: iso(firstSyncMs),
      lastSuccessSync: iso(lastSyncMs),
      lastSyncAttemptTime: iso(lastSyncMs),
      lastPingHeartbeat: profile.clientType === 'EAS' ? 900 : null,
      numberOfFoldersSynced: 12,
      devicePolicyApplicationStatus: 'AppliedInFull',
      status: 'DeviceOk',
      external: 'none',
      autoBlock: null,
      discovery: false,
      policyBlocked: false,
      decidedAtLastRequest: null,
      mailboxLog: null,
      requestsAfterLoggingOnSeconds: null,
    };
    // Unusual states, each on a small share of phones that are in use.
    if (!stalePartnership) {
      const roll = random();
      if (roll < 0.004) mailbox.blockedDeviceIds.push(deviceId);
      else if (roll < 0.007) device.autoBlock = { reason: pick(AUTO_BLOCK_REASONS), until: iso(nowMs + (1 + random() * 10) * 3_600_000) };
      else if (roll < 0.017) device.external = 'noncompliant';
      else if (roll < 0.022) device.external = 'unmanaged';
      else if (nowMs - firstSyncMs < DAY && roll < 0.06) device.discovery = true;
      if (chance(0.0015)) device.status = 'DeviceWipePending';
    }
    // Phones that rules or the default would quarantine were mostly approved long ago
    // (added to the user's allowed list); recent ones wait in the queue.
    const needsApproval = model.needsApproval ?? profile.needsApproval;
    if (needsApproval && nowMs - firstSyncMs > 14 * DAY && chance(0.85)) {
      mailbox.allowedDeviceIds.push(deviceId);
    }
    const accessWillBlockSync = device.external !== 'none' || device.discovery || needsApproval;
    if (accessWillBlockSync && !mailbox.allowedDeviceIds.includes(deviceId)) {
      device.lastSuccessSync = null;
      device.numberOfFoldersSynced = 0;
    }
    devices.push(device);
  });

  return {
    ...scenario,
    users: [...scenario.users, ...users],
    exchange: {
      ...scenario.exchange,
      mailboxes: [...scenario.exchange.mailboxes, ...mailboxes],
      mobileDevices: [...scenario.exchange.mobileDevices, ...devices],
    },
  };
}

interface DeviceModel {
  model: string;
  os: string;
  userAgent: string;
  clientVersion: string;
  friendlyName: string;
  deviceType?: string;
  /** Overrides the profile's needsApproval for a model a rule treats differently. */
  needsApproval?: boolean;
}

interface Profile {
  weight: number;
  deviceType: string;
  clientType: string;
  idPrefix: string;
  /** Whether the large tenant's rules leave it to the organisation default (Quarantine). */
  needsApproval: boolean;
  models: DeviceModel[];
}

/** App/OS mixes seen in real tenants; the large-tenant rules (built-in scenario) allow iPhone, Outlook and Galaxy S24. */
const PROFILES: Profile[] = [
  {
    weight: 34,
    deviceType: 'iPhone',
    clientType: 'EAS',
    idPrefix: '',
    needsApproval: false,
    models: [
      { model: 'iPhone15C2', os: 'iOS 18.6 22G86', userAgent: 'Apple-iPhone15C2/2206.86', clientVersion: '16.1', friendlyName: 'iPhone' },
      { model: 'iPhone16C1', os: 'iOS 18.6 22G86', userAgent: 'Apple-iPhone16C1/2206.86', clientVersion: '16.1', friendlyName: 'iPhone' },
      { model: 'iPhone17C1', os: 'iOS 26.1 23B85', userAgent: 'Apple-iPhone17C1/2301.85', clientVersion: '16.1', friendlyName: 'iPhone' },
      { model: 'iPhone15C4', os: 'iOS 18.6 22G86', userAgent: 'Apple-iPhone15C4/2206.86', clientVersion: '16.1', friendlyName: 'iPhone' },
      // An old mail build a forgotten UserAgent rule quarantines, though the iPhone rule allows the type.
      { model: 'iPhone14C5', os: 'iOS 17.7 21H16', userAgent: 'Apple-iPhone14C5/2107.16', clientVersion: '16.1', friendlyName: 'iPhone', needsApproval: true },
    ],
  },
  {
    weight: 36,
    deviceType: 'Outlook',
    clientType: 'Outlook',
    idPrefix: '',
    needsApproval: false,
    models: [
      { model: 'Outlook for iOS and Android', os: 'iOS 18.6', userAgent: 'Outlook-iOS/2.0', clientVersion: '1.0', friendlyName: 'Outlook for iOS' },
      { model: 'Outlook for iOS and Android', os: 'Android 15', userAgent: 'Outlook-Android/2.0', clientVersion: '1.0', friendlyName: 'Outlook for Android' },
    ],
  },
  {
    weight: 12,
    deviceType: 'SAMSUNGSMS928B',
    clientType: 'EAS',
    idPrefix: 'SEC',
    needsApproval: false,
    models: [
      { model: 'SM-S928B', os: 'Android 15.0.0', userAgent: 'Android-SAMSUNG-SM-S928B/102.150201', clientVersion: '16.1', friendlyName: 'Galaxy S24 Ultra' },
    ],
  },
  {
    weight: 9,
    deviceType: 'Android',
    clientType: 'EAS',
    idPrefix: 'android',
    needsApproval: true,
    models: [
      { model: 'Pixel 8', os: 'Android 15', userAgent: 'Android-Mail/2024.11.03', clientVersion: '16.1', friendlyName: 'Pixel 8' },
      { model: 'SM-A546B', os: 'Android 14', userAgent: 'Android-SAMSUNG-SM-A546B/101.140101', clientVersion: '16.0', friendlyName: 'Galaxy A54', deviceType: 'SAMSUNGSMA546B' },
    ],
  },
  {
    weight: 5,
    deviceType: 'iPad',
    clientType: 'EAS',
    idPrefix: '',
    needsApproval: true,
    models: [
      { model: 'iPad7C5', os: 'iOS 12.5.7 16H81', userAgent: 'Apple-iPad7C5/1608.2', clientVersion: '16.0', friendlyName: 'iPad' },
      { model: 'iPad13C1', os: 'iOS 18.6 22G86', userAgent: 'Apple-iPad13C1/2206.86', clientVersion: '16.1', friendlyName: 'iPad Air' },
    ],
  },
  {
    weight: 4,
    deviceType: 'Android',
    clientType: 'EAS',
    idPrefix: 'androidc',
    needsApproval: true,
    models: [
      { model: 'SM-G950F', os: 'Android 9', userAgent: 'Android/9-EAS-2.0', clientVersion: '14.1', friendlyName: 'Galaxy S8' },
      { model: 'Nine', os: 'Android 12', userAgent: 'Nine/5.1.2', clientVersion: '14.1', friendlyName: 'Nine', deviceType: 'NineMail' },
    ],
  },
];

const AUTO_BLOCK_REASONS = ['CommandFrequency', 'SyncCommands', 'UserAgentsChanges'] as const;

const FIRST_NAMES = ['Adele', 'Alex', 'Allan', 'Bianca', 'Christie', 'Debra', 'Diego', 'Emily', 'Enrico', 'Grady', 'Henrietta', 'Irvin', 'Isaiah', 'Johanna', 'Joni', 'Lidia', 'Lynne', 'Megan', 'Miriam', 'Nestor', 'Patti', 'Pradeep', 'Raul', 'Sanjay', 'Wilna', 'Yuki', 'Zrinka', 'Omar', 'Priya', 'Tomasz'];
const LAST_NAMES = ['Vance', 'Wilber', 'Deyoung', 'Kerr', 'Cline', 'Berg', 'Siciliani', 'Braun', 'Bernardi', 'Archie', 'Cheng', 'Sayers', 'Lambert', 'Holt', 'Sherman', 'Shah', 'Bowen', 'Gu', 'Wilkins', 'Ito', 'Okafor', 'Nowak', 'Rossi', 'Lindqvist', 'Haddad', 'Moreau', 'Tanaka', 'Kowalski', 'Fischer', 'Diaz'];
const JOB_TITLES = ['Account Manager', 'Field Engineer', 'Sales Representative', 'Nurse', 'Technician', 'Consultant', 'Store Manager', 'Driver'];

function pickWeighted(profiles: readonly Profile[], random: () => number): Profile {
  const total = profiles.reduce((sum, p) => sum + p.weight, 0);
  let roll = random() * total;
  for (const profile of profiles) {
    roll -= profile.weight;
    if (roll < 0) return profile;
  }
  return profiles[profiles.length - 1]!;
}

const ID_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
function deviceIdFor(random: () => number, prefix: string): string {
  let id = prefix;
  while (id.length < 24) id += ID_CHARS[Math.floor(random() * ID_CHARS.length)];
  return id;
}

function guid(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A small, well-known seeded PRNG (Mulberry32): fast and the same on every platform. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
