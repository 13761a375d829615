import { randomUUID } from 'node:crypto';
import type { ProtocolError } from './request-validation';
import { wallClockNow } from '../../clock/wall-clock';

/** A failure a simulated cmdlet reports the way Exchange Online would. */
export class CmdletFailure extends Error {
  constructor(readonly error: Omit<ProtocolError, 'cmdlet'>) {
    super(error.message);
  }
}

const DOMAIN_CONTROLLER = 'BY5PR00A002DC01.NAMPR00A002.prod.outlook.com';

/** Exchange's server-side task class for a cmdlet, as it appears in FullyQualifiedErrorId. */
function taskClass(cmdlet: string): string {
  return `Microsoft.Exchange.Management.Tasks.${cmdlet.replace(/-/g, '')}`;
}

/** "The operation couldn't be performed because object '…' couldn't be found on '…'." */
export function objectNotFound(cmdlet: string, identity: string): CmdletFailure {
  const requestId = randomUUID();
  return new CmdletFailure({
    kind: 'cmdlet-error',
    category: 'ObjectNotFound',
    message: `The operation couldn't be performed because object '${identity}' couldn't be found on '${DOMAIN_CONTROLLER}'.`,
    fullyQualifiedErrorId: `[Server=BY5PR00MB0002,RequestId=${requestId},TimeStamp=${wallClockNow().toUTCString()}] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] ${requestId.slice(0, 8).toUpperCase()},${taskClass(cmdlet)}`,
  });
}

/** PowerShell's own text for a command the session does not have (retired CAR cmdlets, missing RBAC). */
export function commandNotFound(cmdlet: string): CmdletFailure {
  return new CmdletFailure({
    kind: 'command-not-found',
    category: 'ObjectNotFound',
    message: `The term '${cmdlet}' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
    fullyQualifiedErrorId: 'CommandNotFoundException',
  });
}

export function invalidArgument(cmdlet: string, message: string): CmdletFailure {
  return new CmdletFailure({
    kind: 'cmdlet-error',
    category: 'InvalidArgument',
    message,
    fullyQualifiedErrorId: `ParameterArgumentValidationError,${taskClass(cmdlet)}`,
  });
}

/** The module's answer to a token it cannot use. Its exact wording in 3.x is not a contract. */
export function unauthorized(message: string): CmdletFailure {
  return new CmdletFailure({
    kind: 'cmdlet-error',
    category: 'AuthenticationError',
    message,
    fullyQualifiedErrorId: 'UnAuthorized,Microsoft.Exchange.Management.RestApiClient',
  });
}
