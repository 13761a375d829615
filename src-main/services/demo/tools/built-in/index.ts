import type { BuiltInScenario } from './define';
import { easDisabled, healthy, quarantinedByDefault } from './scenarios-abq';
import {
  autoBlocked,
  deviceRuleBlocked,
  intuneNonCompliant,
  intuneNotEnrolled,
  oldProtocol,
  syncKeyLoop,
  userBlockedList,
} from './scenarios-device';
import {
  approvedAppGrant,
  countryBlockTraveller,
  desktopFailuresHealthyPhone,
  deviceCodeBlock,
  hybridJoinedGrant,
  leftoverClientAccessRule,
  microsoftTemplatesHealthy,
  refreshTokenAfterPasswordChange,
  riskPolicy,
  signInFrequency,
} from './scenarios-ca';
import {
  basicAuthClient,
  busyTenant,
  caBlocksEas,
  missingGraphPermission,
  reportOnlyNotCause,
  twoCauses,
} from './scenarios-identity';
import { accountDisabled, hybridOnPremises, sharedMailbox, unlicensedMailbox, wrongUpn } from './scenarios-mailbox-gate';
import {
  blockedByPolicy,
  healthyPendingPing,
  lostThenFound,
  mailboxMove,
  remoteWipePending,
  ruleBlockThrottleHeader,
} from './scenarios-exchange-truth';
// Last: scenario modules number their sign-ins in import order.
import { largeTenant } from './scenarios-fleet';
// After the fleet, so the earlier modules keep their sign-in numbers.
import { entraExchangeAdministrator, leastPrivilegeRole, roleWithoutBlockList } from './scenarios-permissions';
// After the permissions stories, for the same reason.
import { easOffByPlan, outlookMobileQuarantined, partnershipLimit } from './scenarios-exchange-actions';
// Last of all, for the same reason.
import { trainingDebugLoggingOff } from './scenarios-training';
// After the training scenario, for the same reason.
import { quarantineReleasedEarlier } from './scenarios-history';
// After the history scenario, for the same reason.
import { easOffForMostMailboxes } from './scenarios-policy';
// After the policy story, for the same reason.
import { complianceBlipHealthy, whatIfBlockPhonePasses } from './scenarios-got-through';
// After the got-through stories, for the same reason.
import { approvedAwaitingPhone, lostPhoneBlockedNewSyncs } from './scenarios-awaiting-phone';

/** Every built-in scenario, in the order the start screen lists them. */
export const builtInScenarios: BuiltInScenario[] = [
  healthy,
  easDisabled,
  quarantinedByDefault,
  deviceRuleBlocked,
  userBlockedList,
  intuneNonCompliant,
  intuneNotEnrolled,
  caBlocksEas,
  reportOnlyNotCause,
  oldProtocol,
  basicAuthClient,
  autoBlocked,
  syncKeyLoop,
  missingGraphPermission,
  twoCauses,
  busyTenant,
  wrongUpn,
  accountDisabled,
  unlicensedMailbox,
  hybridOnPremises,
  sharedMailbox,
  microsoftTemplatesHealthy,
  deviceCodeBlock,
  riskPolicy,
  hybridJoinedGrant,
  approvedAppGrant,
  countryBlockTraveller,
  desktopFailuresHealthyPhone,
  refreshTokenAfterPasswordChange,
  leftoverClientAccessRule,
  signInFrequency,
  healthyPendingPing,
  ruleBlockThrottleHeader,
  remoteWipePending,
  lostThenFound,
  blockedByPolicy,
  mailboxMove,
  largeTenant,
  leastPrivilegeRole,
  roleWithoutBlockList,
  entraExchangeAdministrator,
  partnershipLimit,
  easOffByPlan,
  outlookMobileQuarantined,
  trainingDebugLoggingOff,
  quarantineReleasedEarlier,
  easOffForMostMailboxes,
  complianceBlipHealthy,
  whatIfBlockPhonePasses,
  approvedAwaitingPhone,
  lostPhoneBlockedNewSyncs,
];
