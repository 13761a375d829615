import { z } from 'zod';
import catalogJson from '../../../assets/findings/catalog.json';
import type { Certainty, EvidenceRef, Finding, FindingSeverity } from '../../shared/models/finding';
import { nextStepSchema, type NextStep } from '../../shared/models/finding';

/** Shape of assets/findings/catalog.json (documented in docs/findings.md). */
export const catalogEntrySchema = z.object({
  severity: z.enum(['blocker', 'warning', 'info']),
  /** Lower = more likely the root cause when two findings share a severity. */
  priority: z.number().int().min(0).max(100),
  title: z.string().min(1),
  /** Tier-1 explanation; `{detail}` is replaced by what was seen in this case. */
  explanation: z.string().includes('{detail}'),
  nextSteps: z.array(nextStepSchema).min(1),
  /** Codes of the findings this one causes: when both are present, this one ranks above them. */
  explains: z.array(z.string().regex(/^[A-Z0-9_]+$/)).optional(),
  /** What evidence would confirm this finding when it is only inferred or unconfirmed (tier-1 words). */
  confirmWith: z.string().min(1).optional(),
  /** Once an action fixed it, in tier-1 words after "Fixed:" ("the phone is no longer quarantined"). */
  fixedWords: z.string().min(1).optional(),
});
export const catalogSchema = z.object({
  version: z.literal(1),
  findings: z.record(z.string().regex(/^[A-Z0-9_]+$/), catalogEntrySchema),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

/** Every finding code the engine can produce. The catalog must hold each of them (a test checks it). */
export const FINDING_CODES = [
  'EAS_DISABLED_FOR_MAILBOX', 'DEVICE_BLOCKED', 'DEVICE_QUARANTINED', 'DEVICE_RELEASED_AWAITING_PHONE', 'DEVICE_NOT_COMPLIANT', 'DEVICE_NOT_ENROLLED',
  'DEVICE_AUTO_BLOCKED', 'EAS_VERSION_UNSUPPORTED', 'PROVISIONING_LOOP', 'DEVICE_NOT_PROVISIONABLE', 'REMOTE_WIPE_PENDING',
  'CA_BLOCKS_EAS', 'CA_REPORT_ONLY_WOULD_BLOCK', 'SIGNIN_FAILURES', 'CAR_DENIES_EAS', 'CLIENT_ACCESS_RULES_RETIRED',
  'BASIC_AUTH_CLIENT', 'BASIC_AUTH_POLICY_NO_EFFECT', 'MODERN_AUTH_DISABLED', 'NO_REQUESTS_REACHED_MAILBOX',
  'SYNC_KEY_LOOP', 'SYNC_KEY_RESET', 'FOLDER_HIERARCHY_CHANGED_LOOP', 'THROTTLED', 'SERVER_ERRORS',
  'MAILBOX_QUOTA_EXCEEDED', 'TOO_MANY_FOLDERS', 'REDIRECT_451', 'SEND_FAILED', 'ITEM_SYNC_ERRORS',
  'MAXIMUM_DEVICES_REACHED', 'DEBUG_LOGGING_ACTIVE', 'HEALTHY_SYNC', 'LOG_PARSE_WARNINGS', 'EVIDENCE_UNAVAILABLE',
  'MAILBOX_NOT_FOUND', 'MAILBOX_UNLICENSED', 'ACCOUNT_DISABLED', 'SHARED_OR_RESOURCE_MAILBOX', 'MAILBOX_ON_PREMISES',
  'CA_CANNOT_TELL', 'PHONE_MUST_SIGN_IN_AGAIN', 'SIGN_IN_FREQUENCY', 'CAR_LEFTOVER_RULE',
  'SYNC_STATE_LOCKED', 'EAS_OFF_BY_POLICY', 'PHONE_NOT_TRIED_SINCE_LOGGING', 'LOG_MISSING_RECORDED_ATTEMPT', 'CAPTURE_REQUEST_NOT_SENT', 'CAPTURE_TLS_OR_PROXY_FAILURE', 'CAPTURE_REDIRECT_ON_PREMISES', 'CAPTURE_PROXY_ERROR_PAGE',
  'REQUESTS_REFUSED', 'LOG_INCONCLUSIVE', 'NAMED_PHONE_NOT_FOUND',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

const entries = (catalogJson as { findings: Record<string, CatalogEntry> }).findings;

/** The catalog entry for a code (the catalog is validated by a unit test, so lookups cannot miss). */
export function catalogEntry(code: FindingCode): CatalogEntry {
  const entry = entries[code];
  if (entry === undefined) throw new Error(`Finding code ${code} is missing from assets/findings/catalog.json`);
  return entry;
}

/** A finding's title in tier-1 words, for any code a saved case may hold (undefined when this version does not know it). */
export function findingTitle(code: string): string | undefined {
  return Object.hasOwn(entries, code) ? entries[code]!.title : undefined;
}

/** "Fixed: …" words for a finding an action fixed; a code this version does not know falls back on its title. */
export function findingFixedWords(code: string, title: string): string {
  const words = Object.hasOwn(entries, code) ? entries[code]!.fixedWords : undefined;
  return words ?? `no longer found: ${title}`;
}

/** What an evaluator or detector knows about one finding, before the catalog's words are added. */
export interface FindingDraft {
  code: FindingCode;
  /** One or two sentences on what was seen in this case, in tier-1 words. */
  detail: string;
  evidence: EvidenceRef[];
  confidence: 'high' | 'medium' | 'low';
  deviceId?: string;
  /** Overrides the catalog severity (e.g. a Conditional Access block that is moot in this case). */
  severity?: FindingSeverity;
  /** The problem ended before the end of the evidence: info, ranked below the present, no fixing action. */
  history?: boolean;
  /**
   * About a phone not in use while another of the user's is (judges/quiet-phones.ts): info, and no
   * fixing action, since the phone may be a lost one whose block is deliberate.
   */
  notInUse?: boolean;
  /** How strongly the evidence supports it; without it, read from `confidence` (see `certaintyOf`). */
  certainty?: Certainty;
  /** Codes this finding explains in this case, beyond the catalog's `explains` (e.g. a CA compliant-device failure explains DEVICE_NOT_ENROLLED). */
  explains?: FindingCode[];
  /**
   * Codes that explain this finding in this case: a Conditional Access block whose unmet control
   * is a compliant device is explained by DEVICE_NOT_ENROLLED / DEVICE_NOT_COMPLIANT when present.
   */
  explainedBy?: FindingCode[];
}

/** A draft's or finding's evidence strength; older producers only said how confident they were. */
export function certaintyOf(finding: { certainty?: Certainty; confidence: 'high' | 'medium' | 'low' }): Certainty {
  if (finding.certainty !== undefined) return finding.certainty;
  return finding.confidence === 'high' ? 'confirmed' : finding.confidence === 'medium' ? 'inferred' : 'unconfirmed';
}

/** Turns a draft into a Finding with the catalog's title, explanation and next steps. */
export function buildFinding(draft: FindingDraft): Finding {
  const entry = catalogEntry(draft.code);
  const history = draft.history === true;
  const notInUse = draft.notInUse === true;
  const finding: Finding = {
    code: draft.code,
    severity: history || notInUse ? 'info' : (draft.severity ?? entry.severity),
    title: entry.title,
    explanation: entry.explanation.replace('{detail}', draft.detail).trim(),
    // The catalog's steps fix a present problem; offering them for one that has ended would act on
    // a healthy phone, and for a phone not in use could undo the block of a lost one.
    nextSteps: history ? [{ ...HISTORY_NEXT_STEP }] : notInUse ? [{ ...NOT_IN_USE_NEXT_STEP }] : entry.nextSteps.map((s) => ({ ...s })),
    evidence: draft.evidence,
    confidence: draft.confidence,
    certainty: certaintyOf(draft),
  };
  if (draft.explains !== undefined && draft.explains.length > 0) finding.explains = [...draft.explains];
  if (draft.explainedBy !== undefined && draft.explainedBy.length > 0) finding.explainedBy = [...draft.explainedBy];
  if (draft.deviceId !== undefined) finding.deviceId = draft.deviceId;
  if (history) finding.history = true;
  return finding;
}

const NOT_IN_USE_NEXT_STEP: NextStep = {
  who: 'tier1',
  text: 'Nothing to change for this phone now: it is not the one in use. If the user is calling about this phone after all, start the case again with its device ID.',
};

const HISTORY_NEXT_STEP: NextStep = {
  who: 'tier1',
  text: 'Nothing to do for this now: it stopped before the end of the evidence and later requests went through. If the user reports the same problem again, fetch a fresh log.',
};
