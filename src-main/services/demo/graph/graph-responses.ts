import { randomUUID } from 'node:crypto';
import { wallClockNow } from '../../clock/wall-clock';

/** A response the simulator sends: status, JSON body, extra headers. */
export interface GraphReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Graph's error JSON: `{"error":{"code","message","innerError":{date,request-id,client-request-id}}}`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  requestId: string = randomUUID(),
  headers: Record<string, string> = {},
): GraphReply {
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': requestId, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: {
          date: wallClockNow().toISOString().replace(/\.\d+Z$/, ''),
          'request-id': requestId,
          'client-request-id': requestId,
        },
      },
    },
  };
}

/** The texts Graph uses for the failures the app must tell apart. */
export const GRAPH_ERRORS = {
  tokenMissing: (id?: string) => graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', id),
  tokenInvalid: (id?: string) =>
    graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.', id),
  tokenExpired: (id?: string) =>
    graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.', id),
  forbidden: (id?: string) =>
    graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', id),
  noPremiumLicence: (id?: string) =>
    graphError(
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      "Neither tenant is B2C or tenant doesn't have premium license",
      id,
    ),
  notFound: (what: string, id?: string) =>
    graphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
      id,
    ),
  noSegment: (segment: string, id?: string) =>
    graphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`, id),
  invalidFilter: (detail: string, id?: string) =>
    graphError(400, 'BadRequest', `Invalid filter clause: ${detail}`, id),
  badRequest: (message: string, id?: string) => graphError(400, 'BadRequest', message, id),
  methodNotAllowed: (id?: string) =>
    graphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.', id),
  throttled: (status: 429 | 503, retryAfterSeconds: number, id?: string) =>
    status === 429
      ? graphError(429, 'TooManyRequests', 'Too many requests.', id, {
          'Retry-After': String(retryAfterSeconds),
        })
      : graphError(503, 'serviceNotAvailable', 'Service unavailable. Please try again later.', id, {
          'Retry-After': String(retryAfterSeconds),
        }),
};
