import type { GraphRequirement } from './graph-errors';

/**
 * What each Graph read needs, from the Graph permission tables (eas-reference.md §6.5, facts.md
 * F18). Used to turn a 403 into "missing permission X / role Y" for the operator.
 */
export const GRAPH_REQUIREMENTS = {
  conditionalAccess: {
    permission: 'Policy.Read.All',
    roles: ['Security Reader', 'Global Reader', 'Conditional Access Administrator'],
  },
  /** Docs name Policy.Read.ConditionalAccess as least privilege; Policy.Read.All, which we request, also works. */
  whatIf: {
    permission: 'Policy.Read.All',
    roles: ['Security Reader', 'Global Reader', 'Conditional Access Administrator'],
  },
  user: { permission: 'User.Read.All', roles: [] },
  memberships: { permission: 'GroupMember.Read.All', roles: [] },
  /**
   * Graph documents a known issue where sign-ins also need Directory.Read.All; the message names
   * both so the operator's administrator can grant the second if the first is already there.
   */
  signIns: {
    permission:
      'AuditLog.Read.All (and, because of a known Microsoft Graph issue, possibly Directory.Read.All)',
    roles: ['Reports Reader', 'Security Reader', 'Global Reader'],
    licence: 'Microsoft Entra ID P1 or P2',
  },
} as const satisfies Record<string, GraphRequirement>;
