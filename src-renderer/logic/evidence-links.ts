import { EVIDENCE, parseEvidenceId } from '../../src-main/shared/models/evidence-names';
import type { EvidenceView } from '../../src-main/shared/models/wizard';

/** What each captured piece of evidence is, in the operator's words (the raw source stays in the viewer). */
const PLAIN: Record<string, string> = {
  [EVIDENCE.operatorRoles]: 'your Exchange roles',
  [EVIDENCE.recipient]: 'the mailbox as Exchange lists it',
  [EVIDENCE.userAccount]: 'the user’s account',
  [EVIDENCE.recipientMatches]: 'mailboxes matching this name',
  [EVIDENCE.casMailbox]: 'the mailbox’s phone and mail-app settings',
  [EVIDENCE.mobileDevices]: 'the phones on this mailbox',
  [EVIDENCE.deviceStatistics]: 'what Exchange knows about each phone',
  [EVIDENCE.organizationSettings]: 'the organisation’s phone access settings',
  [EVIDENCE.deviceAccessRules]: 'the organisation’s phone access rules',
  [EVIDENCE.clientAccessRules]: 'the client access rules',
  [EVIDENCE.conditionalAccess]: 'the Conditional Access policies',
  [EVIDENCE.memberships]: 'the user’s groups and roles',
  [EVIDENCE.signIns]: 'the user’s recent sign-ins',
  [EVIDENCE.whatIf]: 'the Conditional Access what-if result',
  [EVIDENCE.organizationConfig]: 'the organisation’s sign-in settings',
  [EVIDENCE.exchangeUser]: 'the user’s sign-in settings in Exchange',
  [EVIDENCE.authenticationPolicy]: 'the authentication policy',
  [EVIDENCE.debugLogging]: 'whether debug logging is on',
};

/** Plain words for one evidence id ("the phones on this mailbox"); a mailbox log names its device. */
export function plainEvidenceLabel(id: string): string | undefined {
  const { name } = parseEvidenceId(id);
  const prefix = EVIDENCE.mailboxLog('');
  if (name.startsWith(prefix)) return `the phone’s mailbox log (${name.slice(prefix.length)})`;
  return PLAIN[name];
}

export interface EvidenceLink {
  id: string;
  /** Button text: words first, never a cmdlet name. */
  text: string;
  /** The raw source (cmdlet, Graph path), for the tooltip and the evidence viewer. */
  source?: string;
  unavailableReason?: string;
  /** How many earlier captures of the same thing this one replaces (re-runs of the step). */
  earlier: number;
}

/**
 * The evidence buttons of a step: one per thing captured, the newest capture only. A re-run of a
 * step stores `name_2`, `name_3`…; listing every attempt made the buttons multiply on each re-run.
 * Earlier captures stay in the case bundle.
 */
export function evidenceLinks(ids: readonly string[], evidence: readonly EvidenceView[]): EvidenceLink[] {
  const newest = new Map<string, { id: string; attempt: number; count: number }>();
  for (const id of ids) {
    const { name, attempt } = parseEvidenceId(id);
    const seen = newest.get(name);
    if (seen === undefined) newest.set(name, { id, attempt, count: 1 });
    else if (attempt > seen.attempt) newest.set(name, { id, attempt, count: seen.count + 1 });
    else seen.count++;
  }
  return [...newest.values()].map(({ id, count }) => {
    const item = evidence.find((e) => e.id === id);
    const plain = plainEvidenceLabel(id);
    const words = plain ?? item?.label ?? id;
    return {
      id,
      text: item?.unavailableReason !== undefined ? `Could not read ${words}: ${item.unavailableReason}` : `See ${words}`,
      ...(item !== undefined ? { source: item.source } : {}),
      ...(item?.unavailableReason !== undefined ? { unavailableReason: item.unavailableReason } : {}),
      earlier: count - 1,
    };
  });
}
