import type { HostError, HostErrorKind } from './protocol';

/** Why a host request failed: the host's own error kinds plus what the client side can detect. */
export type HostRequestErrorKind =
  HostErrorKind | 'timeout' | 'cancelled' | 'host-exited' | 'host-unavailable' | 'protocol-error';

/**
 * A failed host request. `message` is written for a tier-1 operator; the PowerShell details
 * (category, fully qualified error id) are kept for the case bundle. Never carries parameters.
 */
export class HostRequestError extends Error {
  override name = 'HostRequestError';

  constructor(
    readonly kind: HostRequestErrorKind,
    message: string,
    readonly cmdlet: string,
    readonly details: { category?: string; fullyQualifiedErrorId?: string; hostMessage?: string } = {},
  ) {
    super(message);
  }

  /** Wraps an error envelope the host sent. */
  static fromHost(error: HostError, cmdlet: string): HostRequestError {
    return new HostRequestError(error.kind, describeHostError(error, cmdlet), error.cmdlet || cmdlet, {
      category: error.category,
      fullyQualifiedErrorId: error.fullyQualifiedErrorId,
      hostMessage: error.message,
    });
  }
}

function describeHostError(error: HostError, cmdlet: string): string {
  switch (error.kind) {
    case 'not-connected':
      return `${cmdlet} needs a connection to Exchange Online, and there is none yet. Sign in again, then retry.`;
    case 'command-not-found':
      return `${cmdlet} is not available in this tenant or with your Exchange permissions. ${error.message}`;
    case 'output-too-large':
      return `The answer to ${cmdlet} was too large to handle. Ask for one mailbox or one device at a time. (${error.message})`;
    case 'not-allowed':
    case 'invalid-params':
    case 'bad-request':
      return `The app sent ${cmdlet} a request the PowerShell host refused (${error.kind}): ${error.message} This is a bug in the app; please report it.`;
    case 'cmdlet-error':
      return `Exchange Online reported an error for ${cmdlet}: ${error.message}`;
    case 'cancelled':
      return `${cmdlet} was cancelled.`;
  }
}
