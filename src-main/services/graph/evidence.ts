import { ZodError } from 'zod';
import type { Evidence, UnavailableKind } from '../../shared/models/graph';
import {
  GraphLicenceError,
  GraphNotFoundError,
  GraphPermissionError,
  GraphSignInRequiredError,
  GraphThrottledError,
  GraphError,
} from './graph-errors';

/**
 * Runs one collector and turns the Graph failures an operator can meet (no permission, no
 * licence, expired sign-in, throttling, bad data) into "unavailable: reason", so the wizard goes
 * on with the evidence it has. Cancellation and programming errors are rethrown.
 */
export async function collectEvidence<T>(
  collect: () => Promise<T>,
  now: () => Date,
): Promise<Evidence<T>> {
  try {
    const data = await collect();
    return { status: 'available', collectedAt: now().toISOString(), data };
  } catch (error) {
    const unavailable = describeUnavailable(error);
    if (unavailable === undefined) throw error;
    return { status: 'unavailable', collectedAt: now().toISOString(), ...unavailable };
  }
}

interface UnavailableDetail {
  kind: UnavailableKind;
  reason: string;
  missingPermission?: string;
  missingRoles?: string[];
}

function describeUnavailable(error: unknown): UnavailableDetail | undefined {
  if (error instanceof GraphPermissionError) {
    return {
      kind: 'missing-permission',
      reason: error.message,
      ...(error.requirement
        ? { missingPermission: error.requirement.permission, missingRoles: [...error.requirement.roles] }
        : {}),
    };
  }
  if (error instanceof GraphLicenceError) return { kind: 'licence-required', reason: error.message };
  if (error instanceof GraphSignInRequiredError) return { kind: 'sign-in-required', reason: error.message };
  if (error instanceof GraphThrottledError) return { kind: 'throttled', reason: error.message };
  if (error instanceof GraphNotFoundError) {
    return {
      kind: 'not-found',
      reason: 'Microsoft Graph has no record of this. Check the email address of the user.',
    };
  }
  if (error instanceof GraphError) return { kind: 'service-error', reason: error.message };
  if (error instanceof ZodError) {
    return {
      kind: 'service-error',
      reason:
        'Microsoft Graph returned data in a shape this version of the tool does not understand. Report this to the tool maintainers.',
    };
  }
  return undefined;
}
