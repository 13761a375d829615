/**
 * Typed Graph failures. Each carries a message in tier-1 words (what is wrong, what to do) and
 * never the request's Authorization header or token.
 */

/** What a Graph call needs, so a 403 can name the missing piece instead of a bare "Forbidden". */
export interface GraphRequirement {
  /** The delegated permission the app registration needs for this call. */
  permission: string;
  /** Entra roles of the operator that each suffice. */
  roles: string[];
  /** A tenant licence the call depends on (e.g. sign-in logs need Entra ID P1). */
  licence?: string;
}

/** Base class; `status` is the HTTP status, `graphCode` Graph's `error.code` when there was one. */
export class GraphError extends Error {
  override name = 'GraphError';
  constructor(
    message: string,
    readonly status: number,
    readonly graphCode?: string,
  ) {
    super(message);
  }
}

/** 401 that survived a forced token refresh: the operator has to sign in again. */
export class GraphSignInRequiredError extends GraphError {
  override name = 'GraphSignInRequiredError';
  constructor(graphCode?: string) {
    super(
      'Your sign-in has expired or was revoked, so Microsoft Graph refused the request. Sign in again, then repeat this step.',
      401,
      graphCode,
    );
  }
}

/** 403 for want of a permission on the app registration or a role of the operator. */
export class GraphPermissionError extends GraphError {
  override name = 'GraphPermissionError';
  constructor(
    readonly requirement: GraphRequirement | undefined,
    graphCode?: string,
  ) {
    super(permissionMessage(requirement), 403, graphCode);
  }
}

/** 403 because the tenant lacks a licence (sign-in logs without Entra ID P1/P2). */
export class GraphLicenceError extends GraphError {
  override name = 'GraphLicenceError';
  constructor(
    readonly licence: string,
    graphCode?: string,
  ) {
    super(
      `Your organisation does not have ${licence}, which Microsoft requires for this information. The wizard goes on without it; ask your Microsoft 365 administrator if you need it.`,
      403,
      graphCode,
    );
  }
}

/** Graph kept answering 429/503/504 beyond the retry budget. */
export class GraphThrottledError extends GraphError {
  override name = 'GraphThrottledError';
  constructor(
    status: number,
    /** Seconds Graph last asked us to wait, when it said so. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    const wait =
      retryAfterSeconds === undefined ? 'a few minutes' : `${Math.ceil(retryAfterSeconds)} seconds`;
    super(
      `Microsoft Graph is busy and asked the tool to slow down (HTTP ${status}). Wait ${wait}, then repeat this step.`,
      status,
    );
  }
}

/** The resource does not exist (404), e.g. an unknown user. */
export class GraphNotFoundError extends GraphError {
  override name = 'GraphNotFoundError';
}

/** Anything else: 400, 5xx after retries, unreadable bodies, network failures. */
export class GraphRequestError extends GraphError {
  override name = 'GraphRequestError';
}

function permissionMessage(req: GraphRequirement | undefined): string {
  if (req === undefined) {
    return 'Microsoft Graph refused access. The app registration may lack a permission, or your account may lack a role. Ask your Entra administrator.';
  }
  const roles =
    req.roles.length > 0 ? ` and your account needs one of these roles: ${req.roles.join(', ')}` : '';
  return `Microsoft Graph refused access. The app registration needs the delegated permission ${req.permission} (with admin consent)${roles}. Ask your Entra administrator.`;
}
