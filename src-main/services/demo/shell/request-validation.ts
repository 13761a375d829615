import allowlistJson from '../../../../assets/powershell/allowlist.json';

/** One allow-listed cmdlet as assets/powershell/allowlist.json describes it. */
export interface AllowedCmdlet {
  kind: 'host' | 'session' | 'read' | 'write';
  params: Record<string, { type: string; required?: boolean; secret?: boolean }>;
  atLeastOneOf?: string[];
}

export const ALLOWLIST = allowlistJson.cmdlets as unknown as Record<string, AllowedCmdlet>;

export interface HostRequest {
  id: string;
  cmdlet: string;
  params: Record<string, unknown>;
  /**
   * Paged output (PROTOCOL.md "Paged results"): objects per page, and how many pages may be on
   * their way before the host waits for the client's answer to the oldest (1 when not asked).
   */
  page?: { size: number; window: number };
}

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 5000;
/** Most pages a client may let be unanswered at once. */
export const MAX_PAGE_WINDOW = 8;

export interface ProtocolError {
  kind:
    | 'bad-request'
    | 'not-allowed'
    | 'invalid-params'
    | 'command-not-found'
    | 'cmdlet-error'
    | 'not-connected'
    | 'output-too-large'
    | 'cancelled';
  category: string;
  message: string;
  fullyQualifiedErrorId: string;
  cmdlet: string | null;
}

export type ValidatedRequest =
  | { ok: true; request: HostRequest; spec: AllowedCmdlet }
  | { ok: false; id: string | null; error: ProtocolError };

const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Checks one request line in the order PROTOCOL.md fixes: a JSON object with a valid id, a
 * cmdlet string, the allow-list, then each parameter's name (exact case) and type.
 */
export function validateRequestLine(line: string): ValidatedRequest {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return fail(null, 'bad-request', 'The request line is not valid JSON.', null);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return fail(null, 'bad-request', 'The request must be a JSON object.', null);
  }
  const { id, cmdlet, params, page } = json as Record<string, unknown>;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    return fail(null, 'bad-request', 'The request id must be 1-64 characters from A-Z a-z 0-9 _ . : -', null);
  }
  if (typeof cmdlet !== 'string') return fail(id, 'bad-request', 'The request has no cmdlet name.', null);
  const spec = Object.hasOwn(ALLOWLIST, cmdlet) ? ALLOWLIST[cmdlet] : undefined;
  if (spec === undefined)
    return fail(id, 'not-allowed', `The cmdlet '${cmdlet}' is not on the allow-list.`, cmdlet);
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    return fail(id, 'invalid-params', 'params must be an object.', cmdlet);
  }
  const given = (params ?? {}) as Record<string, unknown>;
  const problem = paramProblem(spec, given);
  if (problem !== null) return fail(id, 'invalid-params', problem, cmdlet);
  if (page === undefined || page === null) return { ok: true, request: { id, cmdlet, params: given }, spec };
  const { size, window = 1 } = page as { size?: unknown; window?: unknown };
  const inRange = (n: unknown, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;
  const pageValid =
    typeof page === 'object' &&
    !Array.isArray(page) &&
    Object.keys(page).every((key) => key === 'size' || key === 'window') &&
    inRange(size, MAX_PAGE_SIZE) &&
    inRange(window, MAX_PAGE_WINDOW);
  if (!pageValid)
    return fail(id, 'invalid-params', `"page" must be {"size": n} with n from 1 to ${MAX_PAGE_SIZE}, and an optional "window" from 1 to ${MAX_PAGE_WINDOW}.`, cmdlet);
  if (spec.kind !== 'read') return fail(id, 'invalid-params', `Only read cmdlets can be paged; ${cmdlet} cannot.`, cmdlet);
  return { ok: true, request: { id, cmdlet, params: given, page: { size: size as number, window: window as number } }, spec };
}

function paramProblem(spec: AllowedCmdlet, params: Record<string, unknown>): string | null {
  for (const [name, value] of Object.entries(params)) {
    const param = Object.hasOwn(spec.params, name) ? spec.params[name] : undefined;
    if (param === undefined) return `A parameter cannot be found that matches parameter name '${name}'.`;
    if (!hasType(value, param.type)) return `Parameter '${name}' must be of type ${param.type}.`;
  }
  for (const [name, param] of Object.entries(spec.params)) {
    if (param.required && params[name] === undefined) return `Missing required parameter '${name}'.`;
  }
  if (spec.atLeastOneOf && !spec.atLeastOneOf.some((name) => params[name] !== undefined)) {
    return `At least one of these parameters is needed: ${spec.atLeastOneOf.join(', ')}.`;
  }
  return null;
}

function hasType(value: unknown, type: string): boolean {
  const isStringArray = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'string[]':
      return isStringArray(value);
    case 'bool':
    case 'switch':
      return typeof value === 'boolean';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'multivalued-update':
      return (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.entries(value).every(([k, v]) => (k === 'Add' || k === 'Remove') && isStringArray(v))
      );
    default:
      return false;
  }
}

export function fail(
  id: string | null,
  kind: ProtocolError['kind'],
  message: string,
  cmdlet: string | null,
): ValidatedRequest {
  return {
    ok: false,
    id,
    error: {
      kind,
      category: kind === 'invalid-params' ? 'InvalidArgument' : '',
      message,
      fullyQualifiedErrorId: '',
      cmdlet,
    },
  };
}
