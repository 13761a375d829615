import { z } from 'zod';
import { whatIfPolicyResultSchema, type WhatIfEvidence } from '../../../shared/models/graph';
import type { GraphClient, GraphVersion } from '../graph-client';
import { GraphNotFoundError, GraphRequestError } from '../graph-errors';
import { GRAPH_REQUIREMENTS } from '../requirements';
import { buildWhatIfRequest, type WhatIfInput } from './what-if-request';

const WHAT_IF_PATH = 'identity/conditionalAccess/evaluate';

/**
 * Asks Entra which Conditional Access policies would apply to this sign-in. Sources disagree on
 * whether the action exists in v1.0 (Graph docs, 2025) or only in beta (community tools), so v1.0
 * is tried first and beta is used when v1.0 answers 400 or 404. The answer records which one replied.
 */
export async function evaluateWhatIf(
  client: GraphClient,
  input: WhatIfInput,
  options: { versions?: GraphVersion[]; signal?: AbortSignal } = {},
): Promise<WhatIfEvidence> {
  const versions = options.versions ?? ['v1.0', 'beta'];
  const body = buildWhatIfRequest(input);
  let lastError: unknown;
  for (const version of versions) {
    try {
      const reply = await client.post(WHAT_IF_PATH, body, {
        version,
        requirement: GRAPH_REQUIREMENTS.whatIf,
        signal: options.signal,
      });
      const conditions = body['signInConditions'] as Record<string, unknown>;
      return { clientAppType: input.clientAppType, apiVersion: version, conditions, results: parseResults(reply) };
    } catch (error) {
      if (!isVersionMismatch(error)) throw error;
      lastError = error;
    }
  }
  // Neither version knows the action: say so, instead of a 404 that reads like "no such user".
  const tried = versions.join(' and ');
  const status = lastError instanceof GraphRequestError || lastError instanceof GraphNotFoundError ? lastError.status : 0;
  throw new GraphRequestError(`What-If (conditionalAccess/evaluate) is not available in this tenant on Graph ${tried} (HTTP ${status}); the app judged the policies itself.`, status);
}

function isVersionMismatch(error: unknown): boolean {
  return error instanceof GraphNotFoundError || (error instanceof GraphRequestError && error.status === 400);
}

/** The action returns a collection: `{ value: [...] }`; a bare array is accepted too. */
function parseResults(reply: unknown): z.infer<typeof whatIfPolicyResultSchema>[] {
  const list = Array.isArray(reply) ? reply : z.object({ value: z.array(z.unknown()) }).parse(reply).value;
  return z.array(whatIfPolicyResultSchema).parse(list);
}
