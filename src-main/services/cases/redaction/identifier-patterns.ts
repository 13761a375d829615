import { isIP } from 'node:net';
import type { IdentifierKind } from './pseudonym-map';

/*
 * Patterns that find personal identifiers in case text, cmdlet JSON, Graph JSON and mailbox logs.
 * Every pattern is bounded and stays on one line: the streaming rewrite cuts text at line ends.
 */

/** An e-mail address or UPN. */
export const EMAIL_SOURCE = String.raw`[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}`;
/** A dotted IPv4 address (checked with net.isIP before use). */
export const IPV4_SOURCE = String.raw`(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])`;
/**
 * An IPv6 address: full eight groups or a compressed "::" form. A clock time ("10:15:02") has
 * neither, so log timestamps are left alone.
 */
export const IPV6_SOURCE = String.raw`(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?)(?![0-9A-Fa-f:]|\.\d)`;
/**
 * An IPv4-mapped IPv6 address (::ffff:52.96.12.34). Matched whole, before the IPv6 pattern, which
 * would otherwise take "::ffff:52" and leave the rest of the IPv4 address behind.
 */
export const IPV4_MAPPED_SOURCE = String.raw`(?<![0-9A-Fa-f:])::ffff:(?:\d{1,3}\.){3}\d{1,3}(?![\d.])`;
/** A GUID: Entra object ids, mailbox and device GUIDs, tenant ids. All of them are replaced. */
export const GUID_SOURCE = String.raw`(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])`;
/** A tenant's initial domain. */
export const TENANT_DOMAIN_SOURCE = String.raw`(?<![A-Za-z0-9.-])[A-Za-z0-9][A-Za-z0-9-]{0,62}\.onmicrosoft\.com(?![A-Za-z0-9-])`;
/** Fifteen digits standing alone: an IMEI when its Luhn check digit holds (see isImei). */
export const IMEI_SOURCE = String.raw`(?<![0-9])[0-9]{15}(?![0-9])`;

/** True for a 15-digit number whose last digit is its Luhn check digit, as every IMEI's is. */
export function isImei(text: string): boolean {
  if (!/^[0-9]{15}$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let digit = text.charCodeAt(14 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
/**
 * The base64 form of the EAS query (MS-ASHTTP 2.2.1.1.1.1) embeds the device id and type as
 * bytes, out of reach of text matching, so a redacted bundle drops the whole blob.
 */
export const BASE64_QUERY_SOURCE = String.raw`(?<=Microsoft-Server-ActiveSync[^\s?"]{0,100}\?)[A-Za-z0-9+/]{12,2048}={0,2}(?=[\s"]|$)`;
export const BASE64_QUERY_PSEUDONYM = 'REDACTED-BASE64-QUERY';

/** Named fields whose values are identifiers even when they do not look like one. */
const FIELD_PATTERNS: { kind: IdentifierKind | 'user'; pattern: RegExp }[] = [
  {
    kind: 'device',
    pattern:
      /"(?:DeviceId|DeviceImei|DeviceTelephoneNumber|DevicePhoneNumber|DeviceSerialNumber|serialNumber|imei|phoneNumber|DeviceMobileOperator)"\s*:\s*"([^"\r\n]{3,200})"/gi,
  },
  { kind: 'device', pattern: /[?&]DeviceId=([A-Za-z0-9._-]{3,200})/gi },
  { kind: 'device', pattern: /\bDeviceId\s*[:=]\s*([A-Za-z0-9]{3,200})\b/g },
  {
    // Person and device names; Graph's plain "displayName" is left out because on policies and
    // locations it names configuration, not people.
    kind: 'person',
    pattern: /"(?:UserDisplayName|userDisplayName|DisplayName|givenName|surname)"\s*:\s*"([^"\r\n]{2,200})"/g,
  },
  // Device names often carry the owner's name ("Alex's iPhone"), so they go too.
  { kind: 'name', pattern: /"(?:FriendlyName|DeviceFriendlyName)"\s*:\s*"([^"\r\n]{2,200})"/gi },
  { kind: 'user', pattern: /[?&]User=([^&\s"]{3,200})/gi },
];

/** One identifier found in text. */
export interface FoundIdentifier {
  kind: IdentifierKind;
  value: string;
}

const GENERIC = new RegExp(
  `(${EMAIL_SOURCE})|(${IPV4_MAPPED_SOURCE}|${IPV4_SOURCE})|(${IPV6_SOURCE})|(${GUID_SOURCE})|(${TENANT_DOMAIN_SOURCE})|(${IMEI_SOURCE})`,
  'g',
);

/** True when the text is a real IP address (not a version number or a lone "::"). */
export function isRealIp(text: string): boolean {
  return text.length > 2 && isIP(text) !== 0;
}

/** Finds every identifier in a piece of text (fields by name, then addresses anywhere). */
export function findIdentifiers(text: string): FoundIdentifier[] {
  const found: FoundIdentifier[] = [];
  for (const { kind, pattern } of FIELD_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[1]!;
      if (kind !== 'user') found.push({ kind, value });
      else {
        const decoded = value.replace(/%40/gi, '@');
        found.push({ kind: decoded.includes('@') ? 'email' : 'alias', value: decoded });
      }
    }
  }
  for (const match of text.matchAll(GENERIC)) {
    if (match[1] !== undefined) found.push({ kind: 'email', value: match[1] });
    else if (match[4] !== undefined) found.push({ kind: 'guid', value: match[4] });
    else if (match[5] !== undefined) found.push({ kind: 'tenant', value: match[5] });
    else if (match[6] !== undefined) {
      if (isImei(match[6])) found.push({ kind: 'device', value: match[6] });
    } else if (isRealIp(match[0])) found.push({ kind: 'ip', value: match[0] });
  }
  return found;
}
