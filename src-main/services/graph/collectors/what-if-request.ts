import { EXCHANGE_ONLINE_APP_ID, type WhatIfClientAppType } from '../../../shared/models/graph';

/** What the wizard knows about the phone's sign-in when it asks Entra "which policies apply?". */
export interface WhatIfInput {
  /** The user's Entra object id (What-If does not accept a UPN). */
  userId: string;
  clientAppType: WhatIfClientAppType;
  /** Graph platform value: android, iOS, windows, macOS, linux. */
  devicePlatform?: string;
  ipAddress?: string;
  /** Two-letter country code. */
  country?: string;
  /** The phone's compliance, when Exchange or its sign-in says (sent as `deviceInfo.isCompliant`). */
  deviceCompliant?: boolean;
}

/**
 * The one place that knows the What-If request body. The shape changed in March 2025 (the old
 * `conditionalAccessWhatIfSubject` / `conditionalAccessContext` / `conditionalAccessWhatIfConditions`
 * body broke existing callers); this is the current `signInIdentity` / `signInContext` /
 * `signInConditions` shape. The identity type is `userSignIn`, not the `userSubject` some examples use.
 * The app is always Exchange Online by id, because app groups such as "Office 365" do not match.
 */
export function buildWhatIfRequest(input: WhatIfInput): Record<string, unknown> {
  const conditions: Record<string, unknown> = { clientAppType: input.clientAppType };
  if (input.devicePlatform) conditions['devicePlatform'] = input.devicePlatform;
  if (input.ipAddress) conditions['ipAddress'] = input.ipAddress;
  if (input.country) conditions['country'] = input.country;
  if (input.deviceCompliant !== undefined) conditions['deviceInfo'] = { isCompliant: input.deviceCompliant };
  return {
    signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: input.userId },
    signInContext: {
      '@odata.type': '#microsoft.graph.applicationContext',
      includeApplications: [EXCHANGE_ONLINE_APP_ID],
    },
    signInConditions: conditions,
    appliedPoliciesOnly: false,
  };
}
