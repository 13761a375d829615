import { Writable } from 'node:stream';
import type { CaseDocument } from '../../../shared/models/case';
import { mapStringsDeep } from '../secret-scrubber';
import { createTextRewriteStream } from '../text/text-rewrite-stream';
import {
  BASE64_QUERY_PSEUDONYM,
  BASE64_QUERY_SOURCE,
  EMAIL_SOURCE,
  GUID_SOURCE,
  IMEI_SOURCE,
  IPV4_MAPPED_SOURCE,
  IPV4_SOURCE,
  IPV6_SOURCE,
  TENANT_DOMAIN_SOURCE,
  findIdentifiers,
  isImei,
  isRealIp,
} from './identifier-patterns';
import { PseudonymMap } from './pseudonym-map';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces UPNs, e-mail addresses, device ids, IP addresses and names with consistent pseudonyms.
 * Used in two passes over a bundle's content: `learn` everything first (case and every evidence
 * file), then `rewrite` everything, so an identifier first seen in the last log is still replaced
 * in case.json and in the first log.
 */
export class Redactor {
  readonly pseudonyms = new PseudonymMap();
  private compiled: RegExp | undefined;

  /** Learns the identifiers the case document names outright, then any found in its text. */
  learnCase(doc: CaseDocument): void {
    // The case id is a random GUID, not an identifier of anyone; the bundle keeps it.
    this.pseudonyms.keep(doc.id);
    this.learnValue('email', doc.subject.userUpn);
    // The tenant's name: the domain of the user's and operator's sign-in names, and a real
    // tenant connection's own name.
    for (const upn of [doc.subject.userUpn, doc.operator.upn]) {
      const domain = upn?.includes('@') ? upn.slice(upn.lastIndexOf('@') + 1) : undefined;
      if (domain !== undefined && domain.includes('.')) this.pseudonyms.register('tenant', domain);
    }
    if (doc.connection.kind === 'tenant') this.pseudonyms.register('tenant', doc.connection.tenant);
    if (doc.subject.deviceId !== undefined) this.pseudonyms.register('device', doc.subject.deviceId);
    // Before anyone signs in the operator's name is the app's own placeholder ("Not signed in
    // yet"), not a person: its words must not be taken for a name wherever they appear.
    if (doc.operator.upn !== undefined) {
      this.pseudonyms.register('person', doc.operator.name);
      this.learnValue('email', doc.operator.upn);
    }
    for (const finding of doc.findings) {
      if (finding.deviceId !== undefined) this.pseudonyms.register('device', finding.deviceId);
    }
    for (const entry of doc.audit) {
      if (entry.who !== 'app') this.learnValue('name', entry.who);
    }
    this.learnText(JSON.stringify(doc));
  }

  private learnValue(kind: 'email' | 'name', value: string): void {
    // A UPN field may hold a bare alias; a "who" field may hold a UPN.
    this.pseudonyms.register(value.includes('@') ? 'email' : kind === 'email' ? 'alias' : 'person', value);
  }

  /** Learns identifiers from a piece of text (evidence, or anything else that goes in the bundle). */
  learnText(text: string): void {
    for (const { kind, value } of findIdentifiers(text)) this.pseudonyms.register(kind, value);
    this.compiled = undefined;
  }

  /** A sink that learns from a stream of evidence text without keeping it. */
  createLearningSink(): { rewrite: ReturnType<typeof createTextRewriteStream>; sink: Writable } {
    const rewrite = createTextRewriteStream((text) => {
      this.learnText(text);
      return '';
    });
    const sink = new Writable({ write: (_chunk, _enc, callback) => callback() });
    return { rewrite, sink };
  }

  private pattern(): RegExp {
    if (this.compiled === undefined) {
      const literals = this.pseudonyms.originals().map(escapeRegExp);
      const literalAlternative =
        // Not followed by ".x" or "@x": "alex" must not eat the start of alex.wilber@contoso.com.
        // A file extension after it is no such continuation: "…_<deviceId>.gz" names the phone.
        literals.length > 0
          ? `(?<![A-Za-z0-9])(?:${literals.join('|')})(?![A-Za-z0-9]|@[A-Za-z0-9]|\\.(?!(?:gz|txt|zip|har|saz|log|json)\\b)[A-Za-z0-9])`
          : '(?!)';
      this.compiled = new RegExp(
        `(${literalAlternative})|(${EMAIL_SOURCE})|(${IPV4_MAPPED_SOURCE}|${IPV4_SOURCE}|${IPV6_SOURCE})|(${BASE64_QUERY_SOURCE})|(${GUID_SOURCE})|(${TENANT_DOMAIN_SOURCE})|(${IMEI_SOURCE})`,
        'gi',
      );
    }
    return this.compiled;
  }

  /** Returns the text with every known or recognisable identifier replaced. */
  rewrite(text: string): string {
    const known = this.pseudonyms.size;
    const result = text.replace(
      this.pattern(),
      (match, literal?: string, email?: string, ip?: string, base64?: string, guid?: string, tenant?: string, imei?: string) => {
        if (literal !== undefined) return this.pseudonyms.lookup(literal) ?? match;
        if (email !== undefined) return this.pseudonyms.register('email', email) ?? match;
        if (ip !== undefined) return isRealIp(ip) ? (this.pseudonyms.register('ip', ip) ?? match) : match;
        if (base64 !== undefined) return BASE64_QUERY_PSEUDONYM;
        if (guid !== undefined) return this.pseudonyms.register('guid', guid) ?? match;
        if (tenant !== undefined) return this.pseudonyms.register('tenant', tenant) ?? match;
        if (imei !== undefined) return isImei(imei) ? (this.pseudonyms.register('device', imei) ?? match) : match;
        return match;
      },
    );
    // An address first met here brings its alias along; the next piece must match it too.
    if (this.pseudonyms.size !== known) this.compiled = undefined;
    return result;
  }

  /** Rewrites every string (and key) of a JSON-like value. */
  rewriteDeep<T>(value: T): T {
    return mapStringsDeep(value, (text) => this.rewrite(text));
  }

  /** A streaming rewrite for evidence files. */
  createRewriteStream() {
    return createTextRewriteStream((text) => this.rewrite(text));
  }
}
