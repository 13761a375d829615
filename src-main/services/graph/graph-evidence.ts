import type {
  ConditionalAccessEvidence,
  Evidence,
  SignInEvidence,
  UserMemberships,
  WhatIfEvidence,
} from '../../shared/models/graph';
import { collectConditionalAccess } from './collectors/conditional-access';
import { collectEasSignIns } from './collectors/sign-ins';
import { collectUserMemberships } from './collectors/user-memberships';
import { evaluateWhatIf } from './collectors/what-if';
import type { WhatIfInput } from './collectors/what-if-request';

export type WhatIfConditions = Pick<WhatIfInput, 'devicePlatform' | 'ipAddress' | 'country' | 'deviceCompliant'>;
import { collectEvidence } from './evidence';
import type { GraphClient } from './graph-client';

export interface GraphEvidenceRequest {
  userPrincipalName: string;
  /** What the wizard knows about the phone; improves the What-If answer. */
  device?: WhatIfConditions;
  /**
   * What the phone's own sign-ins add (IP address, country, compliance), read after the sign-ins
   * and before What-If; the domain decides which sign-ins are the phone's.
   */
  conditionsFromSignIns?: (signIns: SignInEvidence) => WhatIfConditions;
  /** The tenant's clock: the sign-in window ends at its "now" (the demo's is the scenario's). */
  now: () => Date;
  signal?: AbortSignal;
}

/** Everything the Entra step of the wizard reads, each part independently available or not. */
export interface GraphEvidenceBundle {
  conditionalAccess: Evidence<ConditionalAccessEvidence>;
  memberships: Evidence<UserMemberships>;
  signIns: Evidence<SignInEvidence>;
  /** What-If for both client-app types, because sources disagree on which one OAuth EAS clients count as. */
  whatIf: Evidence<WhatIfEvidence>[];
}

/**
 * Collects the Entra evidence for one user. Calls run one after another on purpose: Graph
 * throttles per user and app, and the wizard shows progress step by step anyway.
 */
export async function collectGraphEvidence(
  client: GraphClient,
  request: GraphEvidenceRequest,
): Promise<GraphEvidenceBundle> {
  const { now, signal } = request;
  const conditionalAccess = await collectEvidence(() => collectConditionalAccess(client, signal), now);
  const memberships = await collectEvidence(
    () => collectUserMemberships(client, request.userPrincipalName, signal),
    now,
  );
  const signIns = await collectEvidence(
    () => collectEasSignIns(client, { userPrincipalName: request.userPrincipalName, now: now(), signal }),
    now,
  );
  const whatIf: Evidence<WhatIfEvidence>[] = [];
  const conditions: WhatIfConditions = {
    ...request.device,
    ...(signIns.status === 'available' && request.conditionsFromSignIns ? request.conditionsFromSignIns(signIns.data) : {}),
  };
  if (memberships.status === 'available') {
    const userId = memberships.data.user.id;
    // Both client-app types, so the domain can pick the one the phone's sign-ins show (facts F22).
    for (const clientAppType of ['exchangeActiveSync', 'mobileAppsAndDesktopClients'] as const) {
      whatIf.push(
        await collectEvidence(
          () => evaluateWhatIf(client, { userId, clientAppType, ...conditions }, { signal }),
          now,
        ),
      );
    }
  } else {
    // What-If needs the user's object id, which came from the failed lookup.
    const reason = `The What-If check needs the user's directory record, which could not be read: ${memberships.reason}`;
    whatIf.push({ status: 'unavailable', collectedAt: now().toISOString(), kind: memberships.kind, reason });
  }
  return { conditionalAccess, memberships, signIns, whatIf };
}
