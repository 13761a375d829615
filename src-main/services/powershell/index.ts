/**
 * The PowerShell session: one long-lived host child (real pwsh + EasHost.ps1, or the demo
 * tenant's simulated shell) behind a serial queue, the Exchange Online connection inside it, and
 * typed cmdlet wrappers. Typical wiring:
 *
 *   const exe = discoverPowerShell({ setting });
 *   const session = new PowerShellSession({ launch: buildPwshLaunchSpec({ executable: exe.path, hostScriptDir }) });
 *   const connection = new ExchangeConnection({ host: session, auth, allowInteractiveFallback: true });
 *   const exchange = new ExchangeCommands(connection);
 */
export { PowerShellSession } from './powershell-session';
export type {
  HostResult,
  PowerShellSessionOptions,
  RequestOptions,
  RestartPolicy,
  SessionStatus,
} from './powershell-session';
export { buildPwshLaunchSpec, POWERSHELL_HOST_ARGS } from './launch-spec';
export type { LaunchSpec, PwshLaunchOptions } from './launch-spec';
export { discoverPowerShell, PowerShellNotFoundError } from './executable-discovery';
export type { DiscoveryOptions, PowerShellExecutable } from './executable-discovery';
export { HostRequestError } from './errors';
export type { HostRequestErrorKind } from './errors';
export {
  ExchangeConnection,
  ExchangeConnectionError,
  EXCHANGE_COMMAND_NAMES,
  isAuthFailure,
} from './exchange-connection';
export type { ConnectionState, ExchangeConnectionOptions, PrerequisiteCheck } from './exchange-connection';
export { ExchangeCommands, ExchangeDataError } from './exchange-commands';
export type { ExchangeRunner } from './exchange-commands';
export type { HostClient } from './host-client';
export { PROTOCOL_PREFIX, PROTOCOL_VERSION, parseProtocolLine } from './protocol';
export type { HostError, HostErrorKind, ReadyMessage, ResponseMessage } from './protocol';
