import type { ClientAppReading } from '../evaluators/conditional-access';
import { EXCHANGE_ONLINE_APP_ID } from '../evaluators/conditional-access';
import type { MobileDeviceInput } from '../evaluators/exchange-inputs';
import type { SignInInput } from '../evaluators/graph-inputs';
import { isOutlookMobile } from '../evaluators/protocol-version';

/**
 * Which sign-ins are the phone's mail app. Outlook desktop, Outlook mobile and Office apps also
 * sign in to the Exchange Online resource, so a sign-in is the phone's only by its app id and the
 * device's OS (facts F34), never by the resource alone.
 */
export const APP_IDS = {
  /** The iOS native mail app's Microsoft sign-in ("iOS Accounts"). */
  iosAccounts: 'f8d98a96-0999-43f5-8af3-69971c7bb423',
  outlookMobile: '27922004-5251-4030-b22d-91ecd9a37ea4',
  /** A password (legacy) Exchange ActiveSync sign-in shows Exchange Online itself as the app. */
  exchangeOnline: EXCHANGE_ONLINE_APP_ID,
} as const;

/** Microsoft desktop and Office apps whose sign-ins are never a phone's mail app. */
const NOT_A_PHONE_MAIL_APP = new Set([
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft Office (Outlook for Windows/Mac, Office apps)
  '5d661950-3475-41cd-a2c3-d671a3162bc1', // Microsoft Outlook (new Outlook for Windows)
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Microsoft Teams
  'ab9b8c07-8f02-4f72-87fa-80105867a763', // OneDrive sync client
  '00000006-0000-0ff1-ce00-000000000000', // Microsoft Office 365 portal
]);

export type Platform = 'ios' | 'android' | 'windows' | 'macos' | 'linux' | 'other';
const MOBILE: readonly Platform[] = ['ios', 'android'];

/** A sign-in's `deviceDetail.operatingSystem` ("Ios", "iOS 17", "Android", "Windows10") as a platform. */
export function platformOfOs(os: string | null | undefined): Platform | undefined {
  const text = (os ?? '').toLowerCase();
  if (text === '') return undefined;
  if (/ios|iphone|ipad/.test(text)) return 'ios';
  if (/android/.test(text)) return 'android';
  if (/windows/.test(text)) return 'windows';
  if (/mac/.test(text)) return 'macos';
  if (/linux/.test(text)) return 'linux';
  return 'other';
}

/** A partnership's platform from Get-MobileDevice (DeviceOS, DeviceType, model, user agent). */
export function platformOfDevice(device: MobileDeviceInput): Platform | undefined {
  const hint = `${device.DeviceOS ?? ''} ${device.DeviceType ?? ''} ${device.DeviceModel ?? ''} ${device.DeviceUserAgent ?? ''}`.toLowerCase();
  if (/iphone|ipad|\bios\b|apple/.test(hint)) return 'ios';
  if (/android|samsung|pixel|galaxy/.test(hint)) return 'android';
  if (/windows/.test(hint)) return 'windows';
  return undefined;
}

/** Graph's What-If / CA platform name for a platform. */
export function graphPlatform(platform: Platform | undefined): string | undefined {
  switch (platform) {
    case 'ios':
      return 'iOS';
    case 'android':
      return 'android';
    case 'windows':
      return 'windows';
    case 'macos':
      return 'macOS';
    case 'linux':
      return 'linux';
    default:
      return undefined;
  }
}

export function isLegacyEas(signIn: SignInInput): boolean {
  return (signIn.clientAppUsed ?? '').toLowerCase() === 'exchange activesync';
}

export function isModernClient(signIn: SignInInput): boolean {
  return (signIn.clientAppUsed ?? '').toLowerCase() === 'mobile apps and desktop clients';
}

/** The app's name for a sign-in, for the operator ("Outlook on Windows", "iOS Accounts"). */
export function describeSignInApp(signIn: SignInInput): string {
  const os = signIn.deviceDetail?.operatingSystem ?? 'unknown OS';
  return `${signIn.appDisplayName ?? signIn.appId ?? 'unknown app'} on ${os}`;
}

export interface PhoneSignIns {
  /** The phone's mail-app sign-ins, newest first. */
  phone: SignInInput[];
  /** Sign-ins of the same user to mail from other apps or devices (Outlook desktop, Office, a browser). */
  others: SignInInput[];
  /** The client-app type(s) the phone's own sign-ins show (facts F22). */
  readings: ClientAppReading[];
  /** Platforms the phone(s) run, from Exchange's partnerships. */
  platforms: Platform[];
  /** Phone sign-ins whose app id is not one Microsoft documents for the platform (facts F34: [U]). */
  unverifiedApp: number;
}

/**
 * Splits the user's sign-ins into the phone's mail app and everything else. `devices` are the
 * partnerships the case is about; without any, any iOS/Android mail sign-in is taken as a phone's.
 */
export function phoneSignIns(signIns: readonly SignInInput[], devices: readonly MobileDeviceInput[]): PhoneSignIns {
  const known = devices.map(platformOfDevice).filter((p): p is Platform => p !== undefined);
  const platforms = known.length > 0 ? [...new Set(known)] : [...MOBILE];
  const outlook = devices.length > 0 && devices.every(isOutlookMobile);
  const anyOutlook = devices.some(isOutlookMobile);
  const phone: SignInInput[] = [];
  const others: SignInInput[] = [];
  let unverifiedApp = 0;
  for (const s of [...signIns].sort((a, b) => (b.createdDateTime ?? '').localeCompare(a.createdDateTime ?? ''))) {
    const platform = platformOfOs(s.deviceDetail?.operatingSystem);
    const appId = (s.appId ?? '').toLowerCase();
    const platformFits = platform === undefined ? isLegacyEas(s) : platforms.includes(platform);
    let mine = false;
    if (!platformFits || NOT_A_PHONE_MAIL_APP.has(appId)) mine = false;
    else if (appId === APP_IDS.outlookMobile) mine = anyOutlook;
    else if (outlook) mine = false;
    else if (isLegacyEas(s)) mine = true;
    else if (isModernClient(s) && (s.resourceId == null || s.resourceId === EXCHANGE_ONLINE_APP_ID)) {
      mine = true;
      if (appId !== APP_IDS.iosAccounts) unverifiedApp++;
    }
    (mine ? phone : others).push(s);
  }
  const readings: ClientAppReading[] = [];
  if (phone.some(isLegacyEas)) readings.push('exchangeActiveSync');
  if (phone.some(isModernClient)) readings.push('mobileAppsAndDesktopClients');
  return { phone, others, readings, platforms, unverifiedApp };
}

/** MFA and "keep me signed in" interrupts are normal steps of a sign-in, not failures (facts F33). */
export const INTERRUPT_CODES = new Set([50074, 50076, 50140, 50199, 16000]);
/**
 * MFA required (F33: an interrupt). In an interactive sign-in the user answers it; in a mail app's
 * background refresh (non-interactive) nobody can, so the refresh fails until the user signs in again.
 */
export const MFA_CODES = new Set([50074, 50076]);
/** The saved sign-in on the phone is no longer valid: sign in again on the phone (facts F33). */
export const SIGN_IN_AGAIN_CODES = new Set([50173, 50133, 700082]);
/** Conditional Access wants a compliant (53000) or managed (530003) device: Intune enrollment/compliance. */
export const COMPLIANCE_CODES = new Set([53000]);
export const ENROLLMENT_CODES = new Set([530003]);
/** Conditional Access wants a hybrid joined device, which a phone can never be (facts F25). */
export const HYBRID_JOIN_CODES = new Set([53001]);

/** Entra sign-in error codes in EAS triage (eas-reference.md §6.3; facts F33). */
export const SIGN_IN_ERRORS: Readonly<Record<number, string>> = {
  53003: 'blocked by Conditional Access',
  53000: 'device not compliant',
  530003: 'device must be managed (enrolled)',
  53001: 'hybrid joined device required',
  53002: 'approved app required',
  50126: 'wrong username or password',
  50053: 'account locked (smart lockout)',
  50057: 'account disabled',
  50055: 'password expired',
  50173: 'sign-in expired after a password change',
  50133: 'session no longer valid after a password change',
  700082: 'refresh token expired (unused too long)',
  50076: 'MFA required (an interrupt, not a failure)',
  50074: 'MFA required (an interrupt, not a failure)',
  50079: 'MFA registration required',
  50158: 'external security challenge not met',
};

export function errorCodeOf(signIn: SignInInput): number {
  return signIn.status?.errorCode ?? 0;
}

/** A sign-in that really failed: a non-zero error that is not an MFA/KMSI interrupt. */
export function isFailure(signIn: SignInInput): boolean {
  const code = errorCodeOf(signIn);
  return code !== 0 && !INTERRUPT_CODES.has(code);
}

export function describeCodes(signIns: readonly SignInInput[]): string {
  const counts = new Map<number, number>();
  for (const s of signIns) counts.set(errorCodeOf(s), (counts.get(errorCodeOf(s)) ?? 0) + 1);
  return [...counts].map(([code, n]) => `${n} × ${code}${SIGN_IN_ERRORS[code] ? ` (${SIGN_IN_ERRORS[code]})` : ''}`).join(', ');
}

/** What the wizard knows about the phone's sign-in, for local evaluation and What-If. */
export interface PhoneConditions {
  /** Graph platform name (iOS, android…). */
  devicePlatform?: string;
  ipAddress?: string;
  /** Two-letter country code. */
  country?: string;
  deviceCompliant?: boolean;
}

/**
 * The phone's platform from its partnership, and its IP address, country and compliance from its
 * newest own sign-in (a sign-in of another app says nothing about the phone). Compliance from
 * Exchange (an ExternalCompliance/ExternalEnrollment quarantine, or IsCompliant) wins over the
 * sign-in's deviceDetail, which only counts when the device is known to Entra (managed).
 */
export function phoneConditions(signIns: readonly SignInInput[], devices: readonly MobileDeviceInput[]): PhoneConditions {
  const split = phoneSignIns(signIns, devices);
  const latest = split.phone[0];
  const platform = devices.map(platformOfDevice).find((p) => p !== undefined) ?? platformOfOs(latest?.deviceDetail?.operatingSystem);
  const conditions: PhoneConditions = {};
  const graph = graphPlatform(platform);
  if (graph) conditions.devicePlatform = graph;
  if (latest?.ipAddress) conditions.ipAddress = latest.ipAddress;
  const country = latest?.location?.countryOrRegion;
  if (country) conditions.country = country.toUpperCase();
  const compliant = deviceCompliance(devices, latest);
  if (compliant !== undefined) conditions.deviceCompliant = compliant;
  return conditions;
}

function deviceCompliance(devices: readonly MobileDeviceInput[], latest: SignInInput | undefined): boolean | undefined {
  for (const d of devices) {
    const reason = String(d.DeviceAccessStateReason ?? '');
    if (/externalcompliance|externalenrollment/i.test(reason)) return false;
    if (d.IsCompliant === true) return true;
    if (d.IsManaged === true && d.IsCompliant === false) return false;
  }
  const detail = latest?.deviceDetail;
  if (detail?.isCompliant === true) return true;
  if (detail?.isManaged === true && detail.isCompliant === false) return false;
  return undefined;
}
