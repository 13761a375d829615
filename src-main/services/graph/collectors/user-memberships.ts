import { z } from 'zod';
import {
  directoryMembershipSchema,
  directoryUserSchema,
  type DirectoryUser,
  type UserMemberships,
} from '../../../shared/models/graph';
import type { GraphClient } from '../graph-client';
import { pathSegment } from '../odata';
import { GRAPH_REQUIREMENTS } from '../requirements';

const DIRECTORY_ROLE_TYPE = '#microsoft.graph.directoryRole';
const GROUP_TYPE = '#microsoft.graph.group';

/** Looks a user up by UPN or object id. */
export async function lookUpUser(
  client: GraphClient,
  user: string,
  signal?: AbortSignal,
): Promise<DirectoryUser> {
  const body = await client.get(`users/${pathSegment(user)}`, {
    query: { $select: 'id,userPrincipalName,displayName,mail,accountEnabled' },
    requirement: GRAPH_REQUIREMENTS.user,
    signal,
  });
  return directoryUserSchema.parse(body);
}

/**
 * The user's groups (nested ones included) and active directory roles, from one
 * `transitiveMemberOf` listing. PIM-eligible roles that are not activated do not appear there.
 */
export async function collectUserMemberships(
  client: GraphClient,
  user: string,
  signal?: AbortSignal,
): Promise<UserMemberships> {
  const directoryUser = await lookUpUser(client, user, signal);
  const items = await client.getAll(`users/${pathSegment(directoryUser.id)}/transitiveMemberOf`, {
    query: { $select: 'id,displayName,roleTemplateId,securityEnabled', $top: '999' },
    requirement: GRAPH_REQUIREMENTS.memberships,
    signal,
  });
  const memberships = z.array(directoryMembershipSchema).parse(items);
  return {
    user: directoryUser,
    groups: memberships.filter((m) => m['@odata.type'] === GROUP_TYPE),
    directoryRoles: memberships.filter((m) => m['@odata.type'] === DIRECTORY_ROLE_TYPE),
  };
}
