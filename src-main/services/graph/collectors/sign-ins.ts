import { z } from 'zod';
import { EAS_CLIENT_APPS, signInSchema, type SignInEvidence } from '../../../shared/models/graph';
import type { GraphClient } from '../graph-client';
import { odataString } from '../odata';
import { GRAPH_REQUIREMENTS } from '../requirements';

export interface SignInQuery {
  userPrincipalName: string;
  /** How far back to look; Graph keeps 30 days for P1 tenants, the wizard needs a week. */
  days?: number;
  /** The end of the window, on the tenant's clock. */
  now: Date;
  signal?: AbortSignal;
}

/**
 * The user's sign-ins from phone mail clients: one query per `clientAppUsed` value (Graph allows
 * only `eq` on that field), merged newest first. Always sends `Prefer:
 * include-unknown-enum-members`, without which report-only CA results are hidden.
 *
 * Only v1.0 (interactive sign-ins) is read. Non-interactive token refreshes need beta and an
 * unconfirmed filter syntax, so they are left out until that is verified on a real tenant.
 */
export async function collectEasSignIns(client: GraphClient, query: SignInQuery): Promise<SignInEvidence> {
  const since = new Date(query.now.getTime() - (query.days ?? 7) * 24 * 60 * 60 * 1000).toISOString();
  const all: z.infer<typeof signInSchema>[] = [];
  for (const clientApp of EAS_CLIENT_APPS) {
    const filter = [
      `userPrincipalName eq ${odataString(query.userPrincipalName)}`,
      `clientAppUsed eq ${odataString(clientApp)}`,
      `createdDateTime ge ${since}`,
    ].join(' and ');
    const items = await client.getAll('auditLogs/signIns', {
      query: { $filter: filter, $top: '1000' },
      includeUnknownEnumMembers: true,
      requirement: GRAPH_REQUIREMENTS.signIns,
      signal: query.signal,
    });
    all.push(...z.array(signInSchema).parse(items));
  }
  all.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  return { since, signIns: all };
}
