import type { FindingDraft } from '../diagnosis/catalog';
import { list } from './evidence';
import type { ClientAccessRuleInput } from './exchange-inputs';
import { ipInRange } from './ip-address';

/** Get-ClientAccessRule answered "not recognized": the feature is retired (facts.md F3). */
export interface ClientAccessRulesRetired {
  readonly cmdletAvailable: false;
}

export interface ConnectionContext {
  /** The phone's public IP, when known (sign-in log or X-Forwarded-For). */
  ipAddress?: string;
  /** `domain\user` or UPN. */
  username?: string;
  /** Unknown by default: the mailbox log masks Authorization, so EAS is checked as both OAuth and Basic. */
  authenticationTypes?: readonly string[];
}

/** For EAS only these authentication types apply (eas-reference.md §5.6). */
const EAS_AUTH_TYPES = ['OAuthAuthentication', 'BasicAuthentication', 'CertificateBasedAuthentication'];

type Match = 'yes' | 'no' | 'maybe';

/**
 * Client Access Rules in priority order (0 first); the first enabled rule that matches decides.
 * A condition we cannot check (no IP known, an OPATH filter) gives "maybe", which lowers confidence
 * instead of being guessed.
 */
export function evaluateClientAccessRules(rules: readonly ClientAccessRuleInput[] | ClientAccessRulesRetired, context: ConnectionContext = {}): FindingDraft[] {
  if (!Array.isArray(rules)) {
    return [{
      code: 'CLIENT_ACCESS_RULES_RETIRED',
      detail: 'The Get-ClientAccessRule command is not available in this tenant.',
      evidence: [{ step: 'client-access-rules', detail: 'Get-ClientAccessRule: not recognized (retired)' }],
      confidence: 'high',
    }];
  }
  const ordered = [...(rules as readonly ClientAccessRuleInput[])].filter((r) => r.Enabled !== false).sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0));
  const authTypes = context.authenticationTypes ?? EAS_AUTH_TYPES;
  for (const rule of ordered) {
    const match = matchRule(rule, context, authTypes);
    if (match === 'no') continue;
    if (rule.Action !== 'DenyAccess') return [];
    const name = rule.Name ?? '(unnamed rule)';
    return [{
      code: 'CAR_DENIES_EAS',
      detail: match === 'yes'
        ? `Rule "${name}" (priority ${rule.Priority ?? 0}) denies ActiveSync for this connection.`
        : `Rule "${name}" (priority ${rule.Priority ?? 0}) denies ActiveSync and may match this connection; some of its conditions could not be checked.`,
      evidence: [{ step: 'client-access-rules', object: `rule ${name}`, detail: `Action = DenyAccess, Priority = ${rule.Priority ?? 0}` }],
      confidence: match === 'yes' ? 'high' : 'low',
    }];
  }
  return [];
}

function matchRule(rule: ClientAccessRuleInput, context: ConnectionContext, authTypes: readonly string[]): Match {
  const results: Match[] = [
    listCondition(rule.AnyOfProtocols, rule.ExceptAnyOfProtocols, (p) => p === 'ExchangeActiveSync'),
    ipCondition(rule, context.ipAddress),
    usernameCondition(rule, context.username),
    authCondition(rule, authTypes),
    rule.UserRecipientFilter ? 'maybe' : 'yes',
  ];
  if (results.includes('no')) return 'no';
  return results.includes('maybe') ? 'maybe' : 'yes';
}

function listCondition(any: readonly string[] | null | undefined, except: readonly string[] | null | undefined, hit: (v: string) => boolean): Match {
  const include = list(any);
  if (include.length > 0 && !include.some(hit)) return 'no';
  if (list(except).some(hit)) return 'no';
  return 'yes';
}

function ipCondition(rule: ClientAccessRuleInput, ip: string | undefined): Match {
  const include = list(rule.AnyOfClientIPAddressesOrRanges);
  const except = list(rule.ExceptAnyOfClientIPAddressesOrRanges);
  if (include.length === 0 && except.length === 0) return 'yes';
  if (ip === undefined) return 'maybe';
  if (include.length > 0 && !include.some((r) => ipInRange(ip, r))) return 'no';
  return except.some((r) => ipInRange(ip, r)) ? 'no' : 'yes';
}

function usernameCondition(rule: ClientAccessRuleInput, username: string | undefined): Match {
  const include = list(rule.UsernameMatchesAnyOfPatterns);
  const except = list(rule.ExceptUsernameMatchesAnyOfPatterns);
  if (include.length === 0 && except.length === 0) return 'yes';
  if (username === undefined) return 'maybe';
  if (include.length > 0 && !include.some((p) => wildcard(p).test(username))) return 'no';
  return except.some((p) => wildcard(p).test(username)) ? 'no' : 'yes';
}

/** Auth types: the rule matches if any type the phone might use is matched (unknown → both). */
function authCondition(rule: ClientAccessRuleInput, types: readonly string[]): Match {
  const include = list(rule.AnyOfAuthenticationTypes);
  const except = list(rule.ExceptAnyOfAuthenticationTypes);
  const matching = types.filter((t) => (include.length === 0 || include.includes(t)) && !except.includes(t));
  if (matching.length === 0) return 'no';
  return matching.length === types.length ? 'yes' : 'maybe';
}

/** `domain\user` patterns with `*` wildcards, case-insensitive. */
export function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}
