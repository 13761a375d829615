import { z } from 'zod';
import { EAS_CLIENT_APPS, signInSchema, type SignInEvidence } from '../../../shared/models/graph';
import type { GraphClient } from '../graph-client';
import { GraphError } from '../graph-errors';
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
 * Then the non-interactive sign-ins, where OAuth mail apps refresh their tokens and fail after a
 * password change (facts F33): Graph beta with a `signInEventTypes` filter. That filter's syntax
 * is not verified on a real tenant (F11 [U]), so a failure there never costs the interactive
 * evidence: the evidence says plainly that they could not be read, and why.
 */
export async function collectEasSignIns(client: GraphClient, query: SignInQuery): Promise<SignInEvidence> {
  const since = new Date(query.now.getTime() - (query.days ?? 7) * 24 * 60 * 60 * 1000).toISOString();
  const all: z.infer<typeof signInSchema>[] = [];
  const base = [`userPrincipalName eq ${odataString(query.userPrincipalName)}`];
  for (const clientApp of EAS_CLIENT_APPS) {
    const filter = [...base, `clientAppUsed eq ${odataString(clientApp)}`, `createdDateTime ge ${since}`].join(' and ');
    const items = await client.getAll('auditLogs/signIns', {
      query: { $filter: filter, $top: '1000' },
      includeUnknownEnumMembers: true,
      requirement: GRAPH_REQUIREMENTS.signIns,
      signal: query.signal,
    });
    all.push(...z.array(signInSchema).parse(items));
  }
  let nonInteractive: SignInEvidence['nonInteractive'];
  try {
    const filter = [...base, `createdDateTime ge ${since}`, `signInEventTypes/any(t: t eq 'nonInteractiveUser')`].join(' and ');
    const items = await client.getAll('auditLogs/signIns', {
      version: 'beta',
      query: { $filter: filter, $top: '1000' },
      includeUnknownEnumMembers: true,
      requirement: GRAPH_REQUIREMENTS.signIns,
      signal: query.signal,
    });
    const parsed = z.array(signInSchema).parse(items).map((s) => ({ ...s, isInteractive: false }));
    const seen = new Set(all.map((s) => s.id));
    const fresh = parsed.filter((s) => !seen.has(s.id));
    all.push(...fresh);
    nonInteractive = { read: true, count: fresh.length, unverified: true };
  } catch (error) {
    if (!(error instanceof GraphError) && !(error instanceof z.ZodError)) throw error;
    const code = error instanceof GraphError && error.graphCode ? ` (${error.status} ${error.graphCode})` : '';
    nonInteractive = { read: false, reason: `Graph beta refused the non-interactive sign-in query${code}: ${error.message}` };
  }
  all.sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
  return { since, signIns: all, nonInteractive };
}
