import type { RoleEntryFact } from '../../domain/permissions/exchange-capabilities';
import { collectUserMemberships } from '../graph/collectors/user-memberships';
import type { GraphClient } from '../graph/graph-client';
import type { ExchangeConnection } from '../powershell/exchange-connection';

/**
 * Reads what the operator's Exchange rights are made of, for the capability judge
 * (domain/permissions). One place for the wizard's Connect step and the Devices area.
 */

/** The names of the roles assigned to the operator (directly or through role groups). */
export async function readAssignedRoles(exchange: ExchangeConnection, username: string): Promise<Array<{ Role?: string }>> {
  // With -RoleAssignee, "by default, the command returns both direct role assignments to the role
  // assignee and indirect role assignments granted to a role assignee through role groups or
  // assignment policies" (Microsoft's cmdlet reference, Get-ManagementRoleAssignment, -RoleAssignee;
  // MicrosoftDocs/office-docs-powershell exchange/exchange-ps/ExchangePowerShell/
  // Get-ManagementRoleAssignment.md, applicable to Exchange Online). So one call covers a
  // helpdesk role group too.
  return (await exchange.run('Get-ManagementRoleAssignment', { RoleAssignee: username })).data as Array<{ Role?: string }>;
}

/** Every entry (cmdlet and parameters) of the given roles, from Get-ManagementRoleEntry "<role>\*". */
export async function readRoleEntries(exchange: ExchangeConnection, roles: readonly string[]): Promise<RoleEntryFact[]> {
  const entries: RoleEntryFact[] = [];
  for (const role of new Set(roles)) {
    const result = await exchange.run('Get-ManagementRoleEntry', { Identity: `${role}\\*` });
    for (const raw of result.data as Array<{ Name?: unknown; Parameters?: unknown }>) {
      if (typeof raw.Name !== 'string') continue;
      const parameters = Array.isArray(raw.Parameters) ? raw.Parameters.filter((p): p is string => typeof p === 'string') : [];
      entries.push({ role, cmdlet: raw.Name, parameters });
    }
  }
  return entries;
}

/** Role names from an assignment listing. */
export function roleNames(assignments: ReadonlyArray<{ Role?: string }>): string[] {
  return assignments.map((a) => a.Role).filter((r): r is string => typeof r === 'string');
}

/** The operator's active Entra directory roles (template ids), from transitiveMemberOf. */
export async function readEntraRoleTemplateIds(graph: GraphClient, username: string, signal?: AbortSignal): Promise<string[]> {
  const memberships = await collectUserMemberships(graph, username, signal);
  return memberships.directoryRoles.map((r) => r.roleTemplateId ?? r.id);
}
