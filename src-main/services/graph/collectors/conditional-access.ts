import { z } from 'zod';
import {
  conditionalAccessPolicySchema,
  namedLocationSchema,
  type ConditionalAccessEvidence,
} from '../../../shared/models/graph';
import type { GraphClient } from '../graph-client';
import { GRAPH_REQUIREMENTS } from '../requirements';

/** All Conditional Access policies and named locations of the tenant (both need Policy.Read.All). */
export async function collectConditionalAccess(
  client: GraphClient,
  signal?: AbortSignal,
): Promise<ConditionalAccessEvidence> {
  const options = { requirement: GRAPH_REQUIREMENTS.conditionalAccess, signal };
  const policies = await client.getAll('identity/conditionalAccess/policies', options);
  const namedLocations = await client.getAll('identity/conditionalAccess/namedLocations', options);
  return {
    policies: z.array(conditionalAccessPolicySchema).parse(policies),
    namedLocations: z.array(namedLocationSchema).parse(namedLocations),
  };
}
