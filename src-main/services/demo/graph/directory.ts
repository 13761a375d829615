import type { Scenario, ScenarioUser } from '../scenario/scenario-schema';

/**
 * Read-only views of the scenario's directory in Graph's JSON shapes: users, the groups and
 * roles a user belongs to (transitively, through nested groups), and role holders.
 */
export function findUser(scenario: Scenario, idOrUpn: string): ScenarioUser | undefined {
  const key = idOrUpn.toLowerCase();
  return scenario.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
}

export function userJson(user: ScenarioUser): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.user',
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.displayName.split(' ')[0] ?? null,
    surname: user.displayName.split(' ').slice(1).join(' ') || null,
    jobTitle: user.jobTitle ?? null,
    mail: user.mail ?? null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    userPrincipalName: user.userPrincipalName,
    accountEnabled: user.accountEnabled,
  };
}

/** Groups (nested ones included) and activated directory roles the user is a member of. */
export function transitiveMemberships(scenario: Scenario, user: ScenarioUser): Record<string, unknown>[] {
  const groupsById = new Map(scenario.groups.map((g) => [g.id, g]));
  const seen = new Set<string>();
  // A membership that starts after the scenario's clock is not there yet.
  const now = Date.parse(scenario.clock.now);
  const queue = user.memberOf.filter((g) => {
    const since = user.memberSince[g];
    return since === undefined || Date.parse(since) <= now;
  });
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(groupsById.get(id)?.memberOf ?? []));
  }
  const groups = [...seen].flatMap((id) => {
    const g = groupsById.get(id);
    return g === undefined
      ? []
      : [
          {
            '@odata.type': '#microsoft.graph.group',
            id: g.id,
            displayName: g.displayName,
            description: g.description ?? null,
            securityEnabled: g.securityEnabled,
            mailEnabled: g.mailEnabled,
            groupTypes: [],
          },
        ];
  });
  const roles = scenario.directoryRoles.filter((r) => r.members.includes(user.id)).map(roleJson);
  return [...groups, ...roles];
}

export function roleJson(role: Scenario['directoryRoles'][number]): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.directoryRole',
    id: role.id,
    displayName: role.displayName,
    description: role.description ?? null,
    roleTemplateId: role.roleTemplateId,
    deletedDateTime: null,
  };
}

/** Role template ids the user holds, for the role checks Graph makes on delegated calls. */
export function roleTemplatesOf(scenario: Scenario, userId: string): Set<string> {
  return new Set(
    scenario.directoryRoles.filter((r) => r.members.includes(userId)).map((r) => r.roleTemplateId),
  );
}
