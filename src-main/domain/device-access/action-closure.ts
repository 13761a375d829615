import type { ActionClosure, ClosureFinding, ReadBackValue } from '../../shared/models/action-closure';
import type { Finding } from '../../shared/models/finding';
import { certaintyOf, findingFixedWords } from '../diagnosis/catalog';
import { accessStateInWords } from '../eas/access-state';
import type { ActionSituation, GuardDevice } from './action-guard';
import { listHolds, sameName } from './exchange-names';

/** What the case knew about an action's target before the action, or after the re-read. */
export interface ClosureSnapshot {
  situation: ActionSituation;
  /** Debug logging as last read back (null: not read). */
  debugLogging: boolean | null;
  /** The findings about the action's target (its phone, or the mailbox), notes left out. */
  findings: readonly Finding[];
}

const keyOf = (f: { code: string; deviceId?: string | undefined }) => `${f.code}|${(f.deviceId ?? '').toLowerCase()}`;
const yesNo = (value: boolean | null | undefined) => (value == null ? 'not read' : value ? 'yes' : 'no');
const onOff = (value: boolean | null | undefined) => (value == null ? 'not read' : value ? 'on' : 'off');

function deviceIn(snapshot: ClosureSnapshot, deviceId: string): GuardDevice | undefined {
  return snapshot.situation.devices.find((d) => sameName(d.deviceId, deviceId));
}

function decision(device: GuardDevice | undefined): string {
  return device === undefined ? 'not listed by Exchange' : accessStateInWords(device.accessState, device.accessStateReason);
}

/**
 * Exchange's answers before → after, in plain words. Nothing here is per action kind: for a phone
 * the lists and Exchange's decision, for the mailbox whatever changed (or everything when nothing
 * did), so a new action needs no new code to be read back.
 */
function readBackValues(deviceId: string | undefined, before: ClosureSnapshot, after: ClosureSnapshot): ReadBackValue[] {
  const values: ReadBackValue[] = [];
  const listed = (s: ClosureSnapshot, list: 'allowedDeviceIds' | 'blockedDeviceIds') =>
    s.situation.mailbox === null || deviceId === undefined ? null : listHolds(s.situation.mailbox[list], deviceId);
  if (deviceId !== undefined) {
    values.push({ label: "On this user's allowed list", before: yesNo(listed(before, 'allowedDeviceIds')), after: yesNo(listed(after, 'allowedDeviceIds')) });
    values.push({ label: "On this user's blocked list", before: yesNo(listed(before, 'blockedDeviceIds')), after: yesNo(listed(after, 'blockedDeviceIds')) });
    values.push({ label: "Exchange's decision for the phone", before: decision(deviceIn(before, deviceId)), after: decision(deviceIn(after, deviceId)) });
  }
  const mailbox: ReadBackValue[] = [
    { label: 'ActiveSync for this mailbox', before: onOff(before.situation.mailbox?.activeSyncEnabled), after: onOff(after.situation.mailbox?.activeSyncEnabled) },
    { label: 'Debug logging', before: onOff(before.debugLogging), after: onOff(after.debugLogging) },
  ];
  const changed = mailbox.filter((v) => v.before !== v.after);
  values.push(...(changed.length > 0 || deviceId !== undefined ? changed : mailbox));
  return values;
}

/** Why a finding is still found after the re-read, in tier-1 words. */
function stillBecause(deviceId: string | undefined, now: Finding, before: ClosureSnapshot, after: ClosureSnapshot): string {
  if (deviceId !== undefined) {
    const was = deviceIn(before, deviceId);
    const is = deviceIn(after, deviceId);
    const moved = decision(was) !== decision(is);
    if (is !== undefined && (is.accessState ?? '').toLowerCase() === 'allowed' && certaintyOf(now) !== 'confirmed') {
      // The mailbox log keeps the refusals it recorded; only the phone's next request can show the change (F26).
      return `Still found: ${now.title}. It comes from requests logged before the change; the phone's next request shows whether it is gone.`;
    }
    if (!moved) return `Still: ${now.title}. Exchange decides again on the phone's next request.`;
  }
  if (certaintyOf(now) === 'confirmed') return `Still: ${now.title}. Exchange still reports it after the change.`;
  return `Still found: ${now.title}. It comes from evidence gathered before the change; check again after the phone's next request.`;
}

/**
 * Judges an action after the case re-read what it affects: which findings it was meant to fix
 * (those whose next step offered this action), which are gone and which are still found, with why.
 * A finding counts as fixed when it is gone, or when Exchange's own state no longer confirms it and
 * all that is left is what the phone's earlier requests recorded (the log cannot change the past).
 */
export function judgeActionClosure(
  action: string,
  deviceId: string | undefined,
  at: string,
  before: ClosureSnapshot,
  after: ClosureSnapshot,
): ActionClosure {
  const offeredThis = (f: Finding) => f.nextSteps.some((s) => s.action === action);
  const meant = before.findings.filter(offeredThis);
  const afterByKey = new Map(after.findings.map((f) => [keyOf(f), f]));
  const fixed: ClosureFinding[] = [];
  const remaining: ClosureFinding[] = [];
  const seen = new Set<string>();
  for (const finding of before.findings) {
    if (seen.has(keyOf(finding))) continue;
    seen.add(keyOf(finding));
    const now = afterByKey.get(keyOf(finding));
    const ref = { code: finding.code, title: finding.title, ...(finding.deviceId !== undefined ? { deviceId: finding.deviceId } : {}) };
    const noLongerConfirmed = now !== undefined && offeredThis(finding) && certaintyOf(finding) === 'confirmed' && certaintyOf(now) !== 'confirmed';
    if (now === undefined || noLongerConfirmed) fixed.push({ ...ref, words: findingFixedWords(finding.code, finding.title) });
    else remaining.push({ ...ref, words: stillBecause(deviceId, now, before, after) });
  }
  const fixedKeys = new Set(fixed.map(keyOf));
  const result: ActionClosure['result'] = meant.length === 0 ? 'done' : meant.every((f) => fixedKeys.has(keyOf(f))) ? 'fixed' : 'not-yet';
  // What to send the user comes from the data of the next step that offered this action.
  const message = meant.flatMap((f) => f.nextSteps.filter((s) => s.action === action && s.userMessage !== undefined)).map((s) => s.userMessage!)[0];
  return {
    action,
    ...(deviceId !== undefined ? { deviceId } : {}),
    at,
    result,
    meantToFix: [...new Set(meant.map((f) => f.code))],
    fixed,
    remaining,
    readBack: readBackValues(deviceId, before, after),
    ...(message !== undefined && result !== 'done' ? { userMessage: [...message] } : {}),
  };
}

/**
 * The findings still open once the closures are taken into account: a finding an action fixed stays
 * out of the ranked list (it sits in the Resolved group) unless Exchange's own state confirms it
 * again. The rest keep their order and are ranked again from 1, so the headline moves on.
 */
export function openFindings(findings: readonly Finding[], closures: readonly ActionClosure[]): Finding[] {
  const fixed = new Set(closures.flatMap((c) => c.fixed.map(keyOf)));
  const open = findings.filter((f) => !fixed.has(keyOf(f)) || certaintyOf(f) === 'confirmed');
  if (open.length === findings.length) return [...findings];
  // A symptom whose cause was fixed no longer "follows from" it: it stands on its own now.
  const stillOpen = (code: string) => open.some((f) => f.code === code);
  return open.map((f, i) => {
    const { followsFrom, ...rest } = f;
    const kept = followsFrom !== undefined && stillOpen(followsFrom) ? { followsFrom } : {};
    return { ...rest, ...kept, ...(f.rank !== undefined ? { rank: i + 1 } : {}) };
  });
}
