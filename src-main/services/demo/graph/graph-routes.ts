import type { Scenario } from '../scenario/scenario-schema';
import { findUser, roleJson, transitiveMemberships, userJson } from './directory';
import { GRAPH_ERRORS, type GraphReply } from './graph-responses';
import { FilterError, filterProperties, matchesFilter, parseFilter } from './odata-filter';
import { evaluateBodySchema, evaluateWhatIf } from './what-if';

export interface RouteContext {
  scenario: Scenario;
  version: 'v1.0' | 'beta';
  /** Captured path segments of the route pattern. */
  params: string[];
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  operatorId: string;
  requestId: string;
}

/** A collection the server pages (`$top`, `$skiptoken`, `@odata.nextLink`) and projects (`$select`). */
export interface CollectionResult {
  collection: Record<string, unknown>[];
  /** `$metadata#…` fragment for @odata.context. */
  context: string;
  maxPageSize: number;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Delegated permissions, any one of which lets the call through. */
  permissions: string[];
  /** Directory role template ids, any one of which the operator must hold (none: no role check). */
  roles?: string[];
  /** Sign-in logs need an Entra ID P1/P2 tenant. */
  needsPremium?: boolean;
  handle(ctx: RouteContext): GraphReply | CollectionResult;
}

const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  securityOperator: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  conditionalAccessAdministrator: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
};
const CA_READER_ROLES = [
  ROLE.globalAdministrator,
  ROLE.globalReader,
  ROLE.securityReader,
  ROLE.securityAdministrator,
  ROLE.conditionalAccessAdministrator,
];
const SIGNIN_READER_ROLES = [
  ROLE.globalAdministrator,
  ROLE.globalReader,
  ROLE.reportsReader,
  ROLE.securityReader,
  ROLE.securityOperator,
  ROLE.securityAdministrator,
];

const CA_READ = ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'];
const USER_READ = ['User.Read.All', 'User.ReadBasic.All', 'User.ReadWrite.All', 'Directory.Read.All'];
const MEMBERSHIP_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'];
const ROLE_READ = ['RoleManagement.Read.Directory', 'Directory.Read.All'];
const EVALUATE = ['Policy.Read.ConditionalAccess', 'Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'];

/** Properties /auditLogs/signIns can be filtered on, and clientAppUsed's single operator. */
const SIGNIN_FILTERABLE = new Set([
  'userId',
  'userPrincipalName',
  'createdDateTime',
  'clientAppUsed',
  'appId',
  'appDisplayName',
  'ipAddress',
  'status/errorCode',
  'conditionalAccessStatus',
  'correlationId',
]);
const REPORT_ONLY_RESULTS = new Set([
  'reportOnlySuccess',
  'reportOnlyFailure',
  'reportOnlyNotApplied',
  'reportOnlyInterrupted',
]);

export const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/identity\/conditionalAccess\/policies$/,
    permissions: CA_READ,
    roles: CA_READER_ROLES,
    handle: ({ scenario }) => ({
      collection: scenario.entra.conditionalAccessPolicies,
      context: 'identity/conditionalAccess/policies',
      maxPageSize: 1000,
    }),
  },
  {
    method: 'GET',
    pattern: /^\/identity\/conditionalAccess\/policies\/([^/]+)$/,
    permissions: CA_READ,
    roles: CA_READER_ROLES,
    handle: ({ scenario, params, requestId }) => {
      const policy = scenario.entra.conditionalAccessPolicies.find((p) => p.id === params[0]);
      return policy ? { status: 200, body: policy } : GRAPH_ERRORS.notFound(params[0]!, requestId);
    },
  },
  {
    method: 'GET',
    pattern: /^\/identity\/conditionalAccess\/namedLocations$/,
    permissions: CA_READ,
    roles: CA_READER_ROLES,
    handle: ({ scenario }) => ({
      collection: scenario.entra.namedLocations,
      context: 'identity/conditionalAccess/namedLocations',
      maxPageSize: 1000,
    }),
  },
  {
    method: 'POST',
    pattern: /^\/identity\/conditionalAccess\/evaluate$/,
    permissions: EVALUATE,
    handle: ({ scenario, version, body, requestId }) => {
      const { versions, missingVersionStatus } = scenario.entra.whatIf;
      if (!versions.includes(version)) {
        return missingVersionStatus === 404
          ? GRAPH_ERRORS.notFound('evaluate', requestId)
          : GRAPH_ERRORS.noSegment('evaluate', requestId);
      }
      const parsed = evaluateBodySchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return GRAPH_ERRORS.badRequest(
          `Invalid request body: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? ''}`,
          requestId,
        );
      }
      return {
        collection: evaluateWhatIf(scenario, parsed.data),
        context: 'Collection(microsoft.graph.whatIfAnalysisResult)',
        maxPageSize: 1000,
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/me$/,
    permissions: ['User.Read', ...USER_READ],
    handle: ({ scenario, operatorId }) => ({ status: 200, body: userJson(findUser(scenario, operatorId)!) }),
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)$/,
    permissions: USER_READ,
    handle: ({ scenario, params, requestId }) => {
      const user = findUser(scenario, params[0]!);
      return user ? { status: 200, body: userJson(user) } : GRAPH_ERRORS.notFound(params[0]!, requestId);
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/transitiveMemberOf(?:\/microsoft\.graph\.(group|directoryRole))?$/,
    permissions: MEMBERSHIP_READ,
    handle: ({ scenario, params, requestId }) => {
      const user = findUser(scenario, params[0]!);
      if (!user) return GRAPH_ERRORS.notFound(params[0]!, requestId);
      const cast = params[1];
      const all = transitiveMemberships(scenario, user);
      return {
        collection: cast ? all.filter((m) => m['@odata.type'] === `#microsoft.graph.${cast}`) : all,
        context: cast ? `${cast}s` : 'directoryObjects',
        maxPageSize: 999,
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/directoryRoles$/,
    permissions: ROLE_READ,
    handle: ({ scenario }) => ({
      collection: scenario.directoryRoles.map(roleJson),
      context: 'directoryRoles',
      maxPageSize: 1000,
    }),
  },
  {
    method: 'GET',
    pattern: /^\/directoryRoles\/([^/]+)\/members$/,
    permissions: ROLE_READ,
    handle: ({ scenario, params, requestId }) => {
      const role = scenario.directoryRoles.find((r) => r.id === params[0] || r.roleTemplateId === params[0]);
      if (!role) return GRAPH_ERRORS.notFound(params[0]!, requestId);
      const members = role.members.flatMap((id) => {
        const user = findUser(scenario, id);
        return user ? [userJson(user)] : [];
      });
      return { collection: members, context: 'directoryObjects', maxPageSize: 1000 };
    },
  },
  {
    method: 'GET',
    pattern: /^\/auditLogs\/signIns$/,
    permissions: ['AuditLog.Read.All'],
    roles: SIGNIN_READER_ROLES,
    needsPremium: true,
    handle: signIns,
  },
];

/** Graph beta's event-type clause; the simulator reads it apart from the rest of the filter. */
const EVENT_TYPE_CLAUSE = /\s*(?:and\s+)?signInEventTypes\/any\(\s*t\s*:\s*t\s+eq\s+'(\w+)'\s*\)/i;

function signIns({ scenario, version, query, headers, requestId }: RouteContext): GraphReply | CollectionResult {
  let filterText = query.get('$filter');
  // v1.0 lists interactive sign-ins only; beta lists the event types its filter asks for
  // (interactive when it names none), as Graph does (facts F11, F33).
  let eventType = 'interactiveUser';
  const clause = filterText === null ? null : EVENT_TYPE_CLAUSE.exec(filterText);
  if (clause) {
    if (version !== 'beta') return GRAPH_ERRORS.invalidFilter(`property 'signInEventTypes' cannot be filtered`, requestId);
    eventType = clause[1]!;
    filterText = filterText!.replace(EVENT_TYPE_CLAUSE, '').replace(/^\s*and\s+/i, '').trim() || null;
  }
  let items = [...scenario.entra.signIns]
    .filter((s) => (eventType === 'nonInteractiveUser' ? s['isInteractive'] === false : s['isInteractive'] !== false))
    .sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
  if (filterText !== null) {
    try {
      const filter = parseFilter(filterText);
      for (const { property, op } of filterProperties(filter)) {
        if (!SIGNIN_FILTERABLE.has(property))
          return GRAPH_ERRORS.invalidFilter(`property '${property}' cannot be filtered`, requestId);
        if (property === 'clientAppUsed' && op !== 'eq')
          return GRAPH_ERRORS.invalidFilter(`clientAppUsed supports only eq`, requestId);
      }
      items = items.filter((item) => matchesFilter(filter, item));
    } catch (error) {
      if (error instanceof FilterError) return GRAPH_ERRORS.invalidFilter(error.message, requestId);
      throw error;
    }
  }
  // Report-only outcomes are evolvable enum members: without the Prefer header Graph hides them.
  const prefer = String(headers['prefer'] ?? '');
  const includeUnknown = /include-unknown-enum-members/i.test(prefer);
  if (!includeUnknown) {
    items = items.map((item) => ({
      ...item,
      appliedConditionalAccessPolicies: item.appliedConditionalAccessPolicies.map((p) =>
        REPORT_ONLY_RESULTS.has(p.result) ? { ...p, result: 'unknownFutureValue' } : p,
      ),
    }));
  }
  return {
    collection: items,
    context: 'auditLogs/signIns',
    maxPageSize: 1000,
    ...(includeUnknown ? { headers: { 'Preference-Applied': 'include-unknown-enum-members' } } : {}),
  };
}
