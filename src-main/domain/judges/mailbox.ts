import type { DiagnosisInput } from '../diagnosis/diagnose';
import type { FindingDraft } from '../diagnosis/catalog';
import { evaluateCasMailbox } from '../evaluators/cas-mailbox';
import { awaitsNextRequest, evaluateDeviceAccess, type DeviceAccessInput } from '../evaluators/device-access';
import { activeSyncOffByPolicy } from '../device-access/activesync-policy';
import { isStale, NEAR_PARTNERSHIP_LIMIT, PARTNERSHIP_LIMIT, STALE_DAYS, wipePendingFrom, type WipeStatistics } from '../device-access/action-guard';
import { isUnavailable, type Evidence } from '../evaluators/evidence';
import type { MobileDeviceInput, RecipientInput, UserAccountInput } from '../evaluators/exchange-inputs';
import { evaluateProtocolVersion, isOutlookMobile } from '../evaluators/protocol-version';
import { EXO_MINIMUM_SINCE, formatProtocolVersion, isBelowExoMinimum, MINIMUM_EXO_PROTOCOL } from '../eas/protocol-version';
import { accessStateInWords } from '../eas/access-state';
import { EVIDENCE } from '../../shared/models/evidence-names';
import type { EvidenceRef } from '../../shared/models/finding';
import { checkDraft, unreadableCheck, worstOutcome, type CheckDraft, type FlowStop, type StepJudgement } from './judgement';
import { asQuietPhoneNote, quietPhones } from './quiet-phones';
import { judgeNamedPhoneUnknown } from './named-phone';
import { namedPhoneUnknown } from './case-facts';
import { sameName } from '../device-access/exchange-names';

/** Close matches shown to the operator for an address that matched nothing (bounded: a hint, not a directory). */
export const MAX_SUGGESTIONS = 5;

/** Recipient types that are a person's own mailbox in Exchange Online. */
const USER_MAILBOX_TYPES = new Set(['usermailbox', 'linkedmailbox']);
const SHARED_OR_RESOURCE_TYPES = new Set(['sharedmailbox', 'roommailbox', 'equipmentmailbox', 'schedulingmailbox']);
/** The address points at a mailbox elsewhere: on-premises in a hybrid organisation (facts.md F37). */
const ON_PREMISES_TYPES = new Set(['mailuser', 'remoteusermailbox', 'remoteroommailbox', 'remoteequipmentmailbox', 'remotesharedmailbox']);

/**
 * The mailbox step's judgement, from one reading of the evidence: is this a real, reachable
 * Exchange Online mailbox of a person (the gate), is the account enabled, is ActiveSync allowed,
 * and what Exchange decided about each phone (access state, protocol version). The same function
 * gives the step's checks and the diagnosis its finding drafts.
 */
export function judgeMailbox(input: DiagnosisInput): StepJudgement {
  const upn = input.userUpn ?? 'this user';
  const gate = judgeGate(input, upn);
  if (gate.stop !== undefined) {
    return { outcome: worstOutcome(gate.checks), summary: gate.stop.message, checks: gate.checks, findings: gate.findings, stop: gate.stop };
  }
  const checks: CheckDraft[] = [...gate.checks];
  const findings: FindingDraft[] = [...gate.findings];

  const account = judgeAccount(input);
  checks.push(...account.checks);
  findings.push(...account.findings);

  const cas = present(input.casMailbox);
  if (isUnavailable(input.casMailbox)) {
    checks.push(unreadableCheck('activesync-enabled', 'Whether ActiveSync is allowed for this mailbox', EVIDENCE.casMailbox, input.casMailbox.unavailable));
  } else if (cas !== undefined) {
    const enabled = cas.ActiveSyncEnabled !== false;
    const plans = input.casMailboxPlans === undefined || isUnavailable(input.casMailboxPlans) ? undefined : input.casMailboxPlans;
    const peers = input.activeSyncPeers === undefined || isUnavailable(input.activeSyncPeers) ? undefined : input.activeSyncPeers;
    const policy = enabled ? undefined : activeSyncOffByPolicy(plans, peers);
    checks.push(
      checkDraft(
        'activesync-enabled',
        enabled ? 'ActiveSync is allowed for this mailbox' : policy !== undefined ? 'ActiveSync is turned off by the organisation’s policy' : 'ActiveSync is turned off for this mailbox',
        enabled ? 'ok' : 'problem',
        enabled
          ? 'ActiveSyncEnabled is True.'
          : `ActiveSyncEnabled is False: no phone can sync this mailbox over ActiveSync.${policy !== undefined ? ` It is off on purpose: ${policy.because}. Turning it back on is for the Exchange administrators to decide.` : ''}`,
        policy === undefined ? [EVIDENCE.casMailbox] : [EVIDENCE.casMailbox, policy.source === 'plans' ? EVIDENCE.casMailboxPlans : EVIDENCE.activeSyncPeers],
      ),
    );
    if (!enabled && input.casMailboxPlans !== undefined && isUnavailable(input.casMailboxPlans)) {
      // Without the plans the wizard cannot tell a policy from a mistake: the operator must ask before turning it on.
      checks.push(unreadableCheck('activesync-policy', 'Whether ActiveSync is off on purpose (CAS mailbox plans)', EVIDENCE.casMailboxPlans, input.casMailboxPlans.unavailable));
    }
    findings.push(...evaluateCasMailbox(cas, plans, peers));
  }

  const org = input.organizationSettings;
  if (isUnavailable(org)) {
    checks.push(unreadableCheck('org-default', 'What the organization does with new phones', EVIDENCE.organizationSettings, org.unavailable));
  } else {
    const level = org.DefaultAccessLevel ?? 'Allow';
    const verb = level === 'Block' ? 'blocked' : level === 'Quarantine' ? 'quarantined' : 'allowed';
    checks.push(
      checkDraft(
        'org-default',
        `New phones are ${verb} by default`,
        level === 'Allow' ? 'ok' : 'info',
        `DefaultAccessLevel is ${level}${level === 'Allow' ? '.' : `: phones not covered by a device access rule or a per-user list are ${verb}.`}`,
        [EVIDENCE.organizationSettings],
      ),
    );
  }

  const devices = input.mobileDevices;
  if (isUnavailable(devices)) {
    checks.push(unreadableCheck('devices', 'Which phones Exchange knows for this mailbox', EVIDENCE.mobileDevices, devices.unavailable));
  } else {
    if (devices.length === 0) {
      checks.push(
        checkDraft('devices', 'No phone has a partnership with this mailbox', 'warning', 'No phone has ever synced with this mailbox. If the phone is set up, its requests are not reaching Exchange.', [EVIDENCE.mobileDevices]),
      );
      // Exchange makes a partnership at a phone's first request, even one it quarantines or
      // blocks: none at all means no phone's request has ever reached this mailbox.
      findings.push({
        code: 'NO_REQUESTS_REACHED_MAILBOX',
        detail: 'Get-MobileDevice lists no phone for this mailbox: no request from a phone has ever reached it (Exchange records a phone at its first request, even one it quarantines or blocks), so there is no log to fetch either.',
        evidence: [{ step: 'devices', object: 'partnerships', detail: 'Get-MobileDevice: none' }],
        confidence: 'medium',
        certainty: 'inferred',
      });
    }
    const accessInput = (device: MobileDeviceInput): DeviceAccessInput => ({
      device,
      casMailbox: cas,
      organizationSettings: present(org),
      deviceAccessRules: present(input.deviceAccessRules),
      ...(input.mobileDevicePolicies !== undefined && !isUnavailable(input.mobileDevicePolicies) ? { mobileDevicePolicies: input.mobileDevicePolicies } : {}),
    });
    const quiet = quietPhones(devices, input.judgedAt, input.targetDeviceId);
    for (const device of devices) checks.push(...deviceChecks(device, input.judgedAt, awaitsNextRequest(accessInput(device)), quiet.get(device.DeviceId.toLowerCase())));
    if (input.targetDeviceId !== undefined && namedPhoneUnknown(input)) {
      const unknown = judgeNamedPhoneUnknown(input.targetDeviceId, devices, phoneName);
      checks.push(unknown.check);
      findings.push(unknown.finding);
    }
    const limit = partnershipLimit(devices, input.judgedAt, input.targetDeviceId);
    checks.push(...limit.checks);
    findings.push(...limit.findings);
    const targets = input.targetDeviceId === undefined ? devices : devices.filter((d) => d.DeviceId.toLowerCase() === input.targetDeviceId?.toLowerCase());
    for (const device of targets) {
      const own: FindingDraft[] = [];
      const wipe = pendingWipe(device);
      if (wipe !== undefined) own.push(wipe);
      own.push(...evaluateDeviceAccess(accessInput(device)), ...evaluateProtocolVersion(device, input.judgedAt));
      const lastTry = quiet.get(device.DeviceId.toLowerCase());
      findings.push(...(lastTry === undefined ? own : own.map((draft) => asQuietPhoneNote(draft, lastTry))));
    }
  }

  const rules = present(input.deviceAccessRules);
  if (rules !== undefined && rules.length > 0) {
    checks.push(
      checkDraft('access-rules', `${rules.length} device access rule(s) apply in this organization`, 'info', rules.map((r) => `${r.Name ?? r.QueryString} → ${r.AccessLevel}`).join('; ') + '.', [EVIDENCE.deviceAccessRules]),
    );
  }

  return { outcome: worstOutcome(checks), summary: summarise(upn, checks, devices), checks, findings };
}

/**
 * A remote wipe ordered and not yet delivered, read from Get-MobileDeviceStatistics before the
 * phone ever connects (facts F36). It comes first: nothing may be changed for this phone until
 * whoever ordered the wipe has been asked, and the action guard refuses every access change.
 */
function pendingWipe(device: MobileDeviceInput): FindingDraft | undefined {
  if (!wipePendingFrom(device as WipeStatistics)) return undefined;
  const at = device.DeviceWipeRequestTime ?? device.AccountOnlyDeviceWipeRequestTime;
  const kind = device.DeviceWipeRequestTime ? 'a full wipe of the phone' : device.AccountOnlyDeviceWipeRequestTime ? 'a wipe of the mail account on the phone' : 'a wipe';
  const seen = `Status = ${device.Status ?? 'unknown'}${at ? `, wipe requested ${at}` : ''}`;
  return {
    code: 'REMOTE_WIPE_PENDING',
    confidence: 'high',
    certainty: 'confirmed',
    deviceId: device.DeviceId,
    detail: `Get-MobileDeviceStatistics shows ${kind} waiting for ${phoneName(device)} (${seen}). The app will not allow, unblock or block this phone, nor turn ActiveSync back on, while it waits.`,
    evidence: [{ step: 'devices', object: `device ${device.DeviceId}`, detail: seen }],
  };
}

/**
 * The 100-partnership limit (facts F35), counted from Get-MobileDevice rather than waiting for a
 * status 177 in a log the new phone may never get (a refused phone has no partnership, so no log).
 */
function partnershipLimit(devices: readonly MobileDeviceInput[], judgedAt: string | undefined, targetDeviceId: string | undefined): { checks: CheckDraft[]; findings: FindingDraft[] } {
  if (devices.length < NEAR_PARTNERSHIP_LIMIT) return { checks: [], findings: [] };
  const stale = devices.filter((d) => isStale({ lastSuccessSync: d.LastSuccessSync ?? null }, judgedAt) === true);
  const seen = `Get-MobileDevice lists ${devices.length} partnerships (Exchange Online allows ${PARTNERSHIP_LIMIT}); ${stale.length} of them have not synced for ${STALE_DAYS} days or more`;
  const full = devices.length >= PARTNERSHIP_LIMIT;
  // Status 177 refuses a new partnership only (F35): a phone that already holds one is not stopped by the limit.
  const holder = targetDeviceId === undefined ? undefined : devices.find((d) => sameName(d.DeviceId, targetDeviceId));
  if (full && holder !== undefined) {
    const words = `${seen}. ${phoneName(holder)}, the phone being diagnosed, already holds one of them, so the limit does not stop it. It would stop a new phone, and this one if its account is removed and added again: free slots before asking the user to do that.`;
    return {
      checks: [checkDraft('partnership-limit', `The mailbox is at the limit of ${PARTNERSHIP_LIMIT} phone partnerships, which does not stop this phone`, 'info', words, [EVIDENCE.mobileDevices, EVIDENCE.deviceStatistics])],
      findings: [{ code: 'MAXIMUM_DEVICES_REACHED', confidence: 'high', certainty: 'confirmed', severity: 'info', detail: words, evidence: [{ step: 'devices', object: 'partnerships', detail: `${devices.length} listed, ${stale.length} stale; ${holder.DeviceId} holds one` }] }],
    };
  }
  return {
    checks: [
      checkDraft(
        'partnership-limit',
        full ? `The mailbox is at the limit of ${PARTNERSHIP_LIMIT} phone partnerships` : `The mailbox is near the limit of ${PARTNERSHIP_LIMIT} phone partnerships`,
        full ? 'problem' : 'warning',
        `${seen}. ${full ? 'Exchange refuses every new phone (status 177) until some are removed.' : 'A few more phones and Exchange refuses new ones (status 177).'}`,
        [EVIDENCE.mobileDevices, EVIDENCE.deviceStatistics],
      ),
    ],
    findings: full
      ? [{ code: 'MAXIMUM_DEVICES_REACHED', confidence: 'high', certainty: 'confirmed', detail: `${seen}.`, evidence: [{ step: 'devices', object: 'partnerships', detail: `${devices.length} listed, ${stale.length} stale` }] }]
      : [],
  };
}

/** A phone's name as the operator knows it, with its id. */
export function phoneName(device: Pick<MobileDeviceInput, 'FriendlyName' | 'DeviceModel' | 'DeviceType' | 'DeviceId'>): string {
  return `${device.FriendlyName || device.DeviceModel || device.DeviceType || 'Phone'} (${device.DeviceId})`;
}

interface Gate {
  checks: CheckDraft[];
  findings: FindingDraft[];
  stop?: FlowStop;
}

/** Is the address a person's Exchange Online mailbox? Cases saved before the gate existed have no recipient evidence and pass. */
function judgeGate(input: DiagnosisInput, upn: string): Gate {
  const recipientEvidence = input.recipient;
  if (recipientEvidence === undefined) return { checks: [], findings: [] };
  if (isUnavailable(recipientEvidence)) {
    return { checks: [unreadableCheck('recipient', 'Whether this address is a mailbox in Exchange Online', EVIDENCE.recipient, recipientEvidence.unavailable)], findings: [] };
  }
  const evidence = (detail: string): EvidenceRef[] => [{ step: 'recipient', object: upn, detail }];
  const recipient = recipientEvidence[0];
  if (recipient === undefined) {
    const account = present(input.userAccount ?? { unavailable: 'not read' })?.[0];
    if (account !== undefined) {
      const message = `${upn} has a user account but no Exchange Online mailbox, so no phone can sync it.`;
      return {
        checks: [checkDraft('recipient', `${upn} has no Exchange Online mailbox`, 'problem', `Exchange knows the account (Get-User: RecipientTypeDetails ${account.RecipientTypeDetails ?? 'unknown'}) but no mailbox for it. This is what an account looks like after its Exchange Online licence was removed, or before one was ever assigned.`, [EVIDENCE.recipient, EVIDENCE.userAccount])],
        findings: [{ code: 'MAILBOX_UNLICENSED', confidence: 'high', certainty: 'confirmed', detail: `Get-Recipient finds no mailbox for ${upn}; Get-User shows the account as ${account.RecipientTypeDetails ?? 'a user'} without a mailbox.`, evidence: evidence(`Get-User RecipientTypeDetails = ${account.RecipientTypeDetails ?? 'unknown'}; no recipient`) }],
        stop: { kind: 'nothing-to-troubleshoot', message },
      };
    }
    const matches = suggestions(input, upn);
    const hint = matches.length > 0 ? ` Close matches: ${matches.join(', ')}.` : ' Exchange found no similar address either.';
    const message = `No mailbox found for ${upn} — check the spelling.${hint}`;
    return {
      checks: [checkDraft('recipient', `No mailbox found for ${upn}`, 'problem', `Exchange Online has no user or mailbox with this address (Get-Recipient, Get-User).${hint}`, [EVIDENCE.recipient, EVIDENCE.userAccount, EVIDENCE.recipientMatches])],
      findings: [{ code: 'MAILBOX_NOT_FOUND', confidence: 'high', certainty: 'confirmed', detail: `Exchange Online has no user or mailbox for ${upn}.${hint}`, evidence: evidence('Get-Recipient and Get-User: object not found') }],
      stop: { kind: 'not-found', message },
    };
  }

  const type = recipient.RecipientTypeDetails ?? 'unknown';
  const key = type.toLowerCase();
  const seen = `RecipientTypeDetails = ${type}`;
  if (USER_MAILBOX_TYPES.has(key)) {
    return { checks: [checkDraft('recipient', `${upn} is a user mailbox in Exchange Online`, 'ok', `Get-Recipient: ${seen}.`, [EVIDENCE.recipient])], findings: [] };
  }
  if (SHARED_OR_RESOURCE_TYPES.has(key)) {
    const message = `${upn} is a ${describeType(key)}, not a person's mailbox: phones open it through the person's own account.`;
    return {
      checks: [checkDraft('recipient', `${upn} is a ${describeType(key)}`, 'problem', `Get-Recipient: ${seen}. Nobody signs in to it directly, so it has no phone of its own to troubleshoot.`, [EVIDENCE.recipient])],
      findings: [{ code: 'SHARED_OR_RESOURCE_MAILBOX', confidence: 'high', certainty: 'confirmed', detail: `Get-Recipient shows ${seen} for ${upn}.`, evidence: evidence(seen) }],
      stop: { kind: 'nothing-to-troubleshoot', message },
    };
  }
  if (ON_PREMISES_TYPES.has(key)) {
    const message = `The mailbox of ${upn} is not in Exchange Online (${type}): it lives on the on-premises Exchange server. Escalate to the on-premises Exchange administrators.`;
    return {
      checks: [checkDraft('recipient', `The mailbox of ${upn} is on-premises (hybrid)`, 'problem', `Get-Recipient: ${seen}. Exchange Online only forwards this user's phone to the on-premises server (HTTP 451), so the checks here cannot see its mailbox or phones.`, [EVIDENCE.recipient])],
      findings: [{ code: 'MAILBOX_ON_PREMISES', confidence: 'high', certainty: 'confirmed', detail: `Get-Recipient shows ${seen} for ${upn}.`, evidence: evidence(seen) }],
      stop: { kind: 'nothing-to-troubleshoot', message },
    };
  }
  const message = `${upn} is a ${type}, not a mailbox — check the address.`;
  return {
    checks: [checkDraft('recipient', `${upn} is not a mailbox (${type})`, 'problem', `Get-Recipient: ${seen}.`, [EVIDENCE.recipient])],
    findings: [{ code: 'MAILBOX_NOT_FOUND', confidence: 'high', certainty: 'confirmed', detail: `${upn} is a ${type} in Exchange Online, not a mailbox.`, evidence: evidence(seen) }],
    stop: { kind: 'not-found', message },
  };
}

/**
 * Is the account enabled? Entra's accountEnabled (read with the memberships by the Conditional
 * Access step) when there is one, otherwise Exchange's copy of it (Get-User AccountDisabled).
 */
function judgeAccount(input: DiagnosisInput): { checks: CheckDraft[]; findings: FindingDraft[] } {
  const entra = input.entraAccount === undefined || isUnavailable(input.entraAccount) ? undefined : input.entraAccount.accountEnabled;
  const exchange = present(input.userAccount ?? { unavailable: 'not read' })?.[0]?.AccountDisabled;
  const enabled = entra ?? (exchange == null ? undefined : !exchange);
  if (enabled == null) return { checks: [], findings: [] };
  const source = entra != null ? { evidence: EVIDENCE.memberships, step: 'directory' as const, seen: `accountEnabled = ${String(entra)}` } : { evidence: EVIDENCE.userAccount, step: 'recipient' as const, seen: `Get-User AccountDisabled = ${String(exchange)}` };
  if (enabled) return { checks: [checkDraft('account-enabled', 'The user’s account is enabled', 'ok', `${source.seen}.`, [source.evidence])], findings: [] };
  return {
    checks: [checkDraft('account-enabled', 'The user’s account is disabled', 'problem', `${source.seen}: the user cannot sign in anywhere, so no phone can get a token for the mailbox.`, [source.evidence])],
    findings: [{ code: 'ACCOUNT_DISABLED', confidence: 'high', certainty: 'confirmed', detail: `${entra != null ? 'Entra ID' : 'Exchange Online (Get-User)'} shows ${source.seen} for this user.`, evidence: [{ step: source.step, object: input.userUpn, detail: source.seen }] }],
  };
}

/** Up to MAX_SUGGESTIONS addresses Exchange returned for a prefix of the typed one. */
function suggestions(input: DiagnosisInput, upn: string): string[] {
  const matches = present(input.recipientMatches ?? { unavailable: 'not read' }) ?? [];
  const typed = upn.toLowerCase();
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of matches) {
    const address = m.PrimarySmtpAddress ?? m.Identity;
    if (!address || address.toLowerCase() === typed || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push(m.DisplayName ? `${address} (${m.DisplayName})` : address);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}

/**
 * `released`: Exchange still reports its old block or quarantine, but the user's allowed list now
 * lets the phone in. `quietSince`: the phone has not tried since then while another one has (see quiet-phones.ts).
 */
function deviceChecks(device: MobileDeviceInput, judgedAt: string | undefined, released: boolean, quietSince: string | undefined): CheckDraft[] {
  const name = phoneName(device);
  const evidence = [EVIDENCE.mobileDevices, EVIDENCE.deviceStatistics];
  const state = device.DeviceAccessState ?? 'Unknown';
  const reason = device.DeviceAccessStateReason != null ? ` (reason: ${device.DeviceAccessStateReason}${device.DeviceAccessControlRule ? `, rule: ${device.DeviceAccessControlRule}` : ''})` : '';
  const outlook = isOutlookMobile(device);
  // Exchange's Allow/Block/Quarantine applies to Outlook mobile too (facts.md F21), so its state is judged; its protocol is not EAS.
  const stateWord: Record<string, string> = { Allowed: 'allowed', Blocked: 'blocked', Quarantined: 'quarantined', DeviceDiscovery: 'waiting for Exchange to identify it' };
  const quiet = quietSince === undefined ? '' : `, not tried since ${quietSince.slice(0, 10)}`;
  const word = `${released ? 'already allowed, waiting for its next connection' : (stateWord[state] ?? `access state ${state}`)}${quiet}`;
  const outcome = state === 'Allowed' ? 'ok' : quietSince !== undefined ? 'info' : released || state === 'DeviceDiscovery' || state === 'Unknown' ? 'warning' : 'problem';
  const releasedWords = released ? " The phone is on the user's allowed list, so Exchange lets it in when it next connects; until then it shows its earlier decision." : '';
  const checks = [
    checkDraft(
      `device-${device.DeviceId}`,
      `${name}${outlook ? ' (Outlook mobile)' : ''}: ${word}`,
      outcome,
      `${accessStateInWords(state, device.DeviceAccessStateReason, device.DeviceAccessControlRule)}. Exchange reports DeviceAccessState ${state}${reason}.${releasedWords}${outlook ? ' Outlook mobile does not use ActiveSync, so it writes no ActiveSync log and the 16.1 minimum does not apply to it.' : ''}`,
      evidence,
    ),
  ];
  if (!outlook && device.ClientVersion) {
    const version = formatProtocolVersion(device.ClientVersion);
    if (version === undefined) {
      checks.push(checkDraft(`protocol-${device.DeviceId}`, `${name}: ActiveSync version unreadable`, 'info', `ClientVersion is "${device.ClientVersion}", which is not a version number.`, [EVIDENCE.mobileDevices]));
    } else if (isBelowExoMinimum(device.ClientVersion)) {
      const before = judgedAt !== undefined && Date.parse(judgedAt) < Date.parse(EXO_MINIMUM_SINCE);
      checks.push(
        checkDraft(
          `protocol-${device.DeviceId}`,
          `${name} uses ActiveSync ${version}, older than Exchange Online accepts`,
          'problem',
          before
            ? `Exchange Online refuses versions below ${MINIMUM_EXO_PROTOCOL} from ${EXO_MINIMUM_SINCE}, after this case was captured. The mail app needs an update.`
            : `Exchange Online has refused versions below ${MINIMUM_EXO_PROTOCOL} since ${EXO_MINIMUM_SINCE}. The mail app needs an update.`,
          [EVIDENCE.mobileDevices],
        ),
      );
    } else {
      checks.push(checkDraft(`protocol-${device.DeviceId}`, `${name} uses ActiveSync ${version}`, 'ok', `${MINIMUM_EXO_PROTOCOL} or newer is what Exchange Online accepts.`, [EVIDENCE.mobileDevices]));
    }
  }
  return checks;
}

function summarise(upn: string, checks: readonly CheckDraft[], devices: DiagnosisInput['mobileDevices']): string {
  const problems = checks.filter((c) => c.outcome === 'problem');
  if (problems.length > 0) return `${problems.length} problem(s) found for ${upn}: ${problems.map((p) => p.label).join('; ')}.`;
  const unreadable = checks.filter((c) => c.outcome === 'unavailable');
  if (unreadable.length > 0) return `Part of ${upn}'s mailbox settings could not be read; the checks below say what and why.`;
  if (isUnavailable(devices) || devices.length === 0) return `ActiveSync is allowed for ${upn}, but no phone has a partnership with the mailbox.`;
  const waiting = checks.filter((c) => c.outcome === 'warning' && c.id.startsWith('device-'));
  if (waiting.length > 0) return `Nothing blocks ActiveSync for ${upn}, but Exchange is still to decide for: ${waiting.map((c) => c.label).join('; ')}.`;
  const notInUse = checks.filter((c) => c.outcome === 'info' && c.id.startsWith('device-'));
  if (notInUse.length > 0) return `ActiveSync access looks right for ${upn}'s phone(s) in use. Not in use lately: ${notInUse.map((c) => c.label).join('; ')}.`;
  return `ActiveSync access looks right for ${upn}: ${devices.length} phone(s) found.`;
}

function describeType(key: string): string {
  return { sharedmailbox: 'shared mailbox', roommailbox: 'room mailbox', equipmentmailbox: 'equipment mailbox', schedulingmailbox: 'booking mailbox' }[key] ?? key;
}

function present<T>(evidence: Evidence<T>): T | undefined {
  return isUnavailable(evidence) ? undefined : evidence;
}

export type { RecipientInput, UserAccountInput };
