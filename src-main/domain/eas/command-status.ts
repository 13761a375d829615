import { globalStatus } from './global-status';
import { statusTable, type StatusInfo } from './status-info';

const SYNC = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'ProtocolVersionMismatch', 'Protocol version mismatch.'],
  [3, 'InvalidSyncKey', 'The sync key was invalid or did not match; the phone must start this folder again from scratch.'],
  [4, 'ProtocolError', 'The request had a protocol error.'],
  [5, 'ServerError', 'Server error (temporary, or a bad item); the phone should retry.'],
  [6, 'ConversionError', 'An item could not be converted (malformed item).'],
  [7, 'Conflict', 'Conflict; the server copy wins.'],
  [8, 'ObjectNotFound', 'The item was not found (deleted).'],
  [9, 'MailboxFull', 'Could not complete: the mailbox is out of space.'],
  [10, 'NotificationGuidNotProvisioned', 'Legacy notification setting missing.'],
  [11, 'NotificationsNotProvisioned', 'Legacy notifications not provisioned.'],
  [12, 'FolderHierarchyChanged', 'The folder list changed; the phone must refresh its folder list (FolderSync).'],
  [13, 'RequestNotComplete', 'Partial request without cached state; the phone must send the full request.'],
  [14, 'InvalidWaitOrHeartbeat', 'Wait or heartbeat interval out of range.'],
  [15, 'TooManyCollections', 'Too many folders in one request.'],
  [16, 'Retry', 'Retry.'],
]);

const FOLDER = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'FolderExists', 'A folder with that name already exists.'],
  [3, 'SpecialFolder', 'The folder is a special/system folder.'],
  [4, 'FolderNotFound', 'The folder was not found.'],
  [5, 'ParentNotFound', 'The parent folder was not found.'],
  [6, 'ServerError', 'Server error; the phone retries, then resets the folder list.'],
  [7, 'AccessDenied', 'Access denied.'],
  [8, 'TimedOut', 'Timed out.'],
  [9, 'InvalidSyncKey', 'The folder-list sync key was invalid; the phone must reload the folder list from scratch.'],
  [10, 'MalformedRequest', 'Malformed request.'],
  [11, 'UnknownError', 'Unknown error.'],
  [12, 'UnusualBackEndIssue', 'Unusual back-end issue.'],
]);

const PING = statusTable([
  [1, 'HeartbeatExpired', 'No changes during the wait (normal).'],
  [2, 'ChangesFound', 'Changes found in the listed folders (normal).'],
  [3, 'MissingParameters', 'Required parameters missing; the phone must send the full Ping.'],
  [4, 'SyntaxError', 'Syntax error in the request.'],
  [5, 'HeartbeatOutOfRange', 'Heartbeat interval out of range.'],
  [6, 'TooManyFolders', 'Too many folders to watch.'],
  [7, 'FolderHierarchySyncRequired', 'The folder list changed; the phone must refresh it (FolderSync).'],
  [8, 'ServerError', 'Server error.'],
]);

const PROVISION = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'ProtocolError', 'Protocol error.'],
  [3, 'ServerError', 'Server error.'],
]);

const POLICY = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'NoPolicy', 'No policy for this client.'],
  [3, 'UnknownPolicyType', 'Unknown policy type.'],
  [4, 'PolicyDataCorrupt', 'The policy data on the server is corrupt.'],
  [5, 'WrongPolicyKey', 'The phone acknowledged the wrong policy key.'],
]);

const SETTINGS = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'ProtocolError', 'Protocol error.'],
  [3, 'AccessDenied', 'Access denied.'],
  [4, 'ServerUnavailable', 'Server unavailable.'],
  [5, 'InvalidArguments', 'Invalid arguments.'],
  [6, 'ConflictingArguments', 'Conflicting arguments.'],
  [7, 'DeniedByPolicy', 'Denied by policy.'],
]);

const ITEM_OPERATIONS = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'ProtocolError', 'Protocol error.'],
  [3, 'ServerError', 'Server error (also returned to quarantined devices).'],
  [4, 'BadLink', 'Document library: bad link.'],
  [5, 'AccessDenied', 'Access denied.'],
  [6, 'NotFound', 'Not found.'],
  [7, 'ConnectionFailed', 'Connection failed.'],
  [8, 'InvalidByteRange', 'Byte range invalid or too large.'],
  [9, 'UnknownStore', 'Store unknown or not supported.'],
  [10, 'FileEmpty', 'The file is empty.'],
  [11, 'DataTooLarge', 'The data is too large.'],
  [12, 'IoFailure', 'Input/output failure.'],
  [13, 'InvalidBodyPreference', 'Invalid body preference.'],
  [14, 'ConversionFailed', 'Conversion failed.'],
  [15, 'InvalidAttachmentId', 'Invalid attachment ID.'],
  [16, 'AccessBlocked', 'Access blocked.'],
  [17, 'PartialSuccess', 'Partial success.'],
  [18, 'CredentialsRequired', 'Credentials required.'],
]);

const GET_ITEM_ESTIMATE = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'InvalidCollection', 'Invalid folder.'],
  [3, 'SyncStateNotPrimed', 'The folder has not been synced yet.'],
  [4, 'InvalidSyncKey', 'Invalid sync key.'],
]);

const MOVE_ITEMS = statusTable([
  [1, 'InvalidSource', 'Invalid source folder or item.'],
  [2, 'InvalidDestination', 'Invalid destination folder.'],
  [3, 'Success', 'Success.'],
  [4, 'SameSourceAndDestination', 'Source and destination are the same.'],
  [5, 'CannotMove', 'The item cannot be moved.'],
  [7, 'Locked', 'Source or destination locked.'],
]);

const MEETING_RESPONSE = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'InvalidMeetingRequest', 'Invalid meeting request.'],
  [3, 'MailboxError', 'Mailbox error.'],
  [4, 'ServerError', 'Server error.'],
]);

const SEARCH = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'ProtocolError', 'Invalid request.'],
  [3, 'ServerError', 'Server error.'],
  [4, 'BadLink', 'Bad link.'],
  [5, 'AccessDenied', 'Access denied.'],
  [6, 'NotFound', 'Not found.'],
  [7, 'ConnectionFailed', 'Connection failed.'],
  [8, 'QueryTooComplex', 'Query too complex.'],
  [9, 'IndexNotLoaded', 'Search index not loaded.'],
  [10, 'TimedOut', 'Timed out.'],
  [11, 'FolderSyncRequired', 'Folder list refresh required.'],
  [12, 'EndOfRange', 'End of retrievable range.'],
  [13, 'AccessBlocked', 'Access blocked.'],
  [14, 'CredentialsRequired', 'Credentials required.'],
]);

const RESOLVE_RECIPIENTS = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'Ambiguous', 'Ambiguous recipient.'],
  [3, 'AmbiguousPartial', 'Ambiguous recipient (partial list).'],
  [4, 'NotFound', 'Recipient not found.'],
  [5, 'ProtocolError', 'Protocol error.'],
  [6, 'ServerError', 'Server error.'],
  [7, 'NoValidCertificate', 'No valid certificate.'],
  [8, 'CertificateLimitReached', 'Certificate limit reached.'],
]);

const VALIDATE_CERT = statusTable([
  [1, 'Success', 'Success.'],
  [2, 'ProtocolError', 'Protocol error.'],
  [3, 'SignatureNotValidated', 'Signature not validated.'],
  [4, 'UntrustedSource', 'Untrusted source.'],
  [5, 'InvalidChain', 'Invalid certificate chain.'],
  [6, 'NotForSigning', 'Not valid for signing.'],
  [7, 'Expired', 'Expired or invalid.'],
  [8, 'InvalidTimePeriods', 'Invalid time periods.'],
  [9, 'PurposeError', 'Wrong purpose.'],
  [10, 'MissingInformation', 'Missing information.'],
  [11, 'WrongRole', 'Wrong role.'],
  [12, 'EmailMismatch', 'Does not match the email address.'],
  [13, 'Revoked', 'Revoked.'],
  [14, 'NoServerContact', 'Revocation server could not be reached.'],
  [15, 'ChainRevoked', 'Chain revoked.'],
  [16, 'NoRevocationStatus', 'No revocation status.'],
  [17, 'UnknownServerError', 'Unknown server error.'],
]);

const BY_COMMAND: Readonly<Record<string, ReadonlyMap<number, StatusInfo>>> = {
  Sync: SYNC,
  FolderSync: FOLDER,
  FolderCreate: FOLDER,
  FolderUpdate: FOLDER,
  FolderDelete: FOLDER,
  Ping: PING,
  Provision: PROVISION,
  Settings: SETTINGS,
  ItemOperations: ITEM_OPERATIONS,
  GetItemEstimate: GET_ITEM_ESTIMATE,
  MoveItems: MOVE_ITEMS,
  MeetingResponse: MEETING_RESPONSE,
  Search: SEARCH,
  Find: SEARCH,
  ResolveRecipients: RESOLVE_RECIPIENTS,
  ValidateCert: VALIDATE_CERT,
};

const unknownCache = new Map<string, StatusInfo>();

/**
 * Names a status read from a response of `command`. Codes 101+ are global codes whatever the
 * command; lower codes are looked up in the command's own table. Unknown codes still get an
 * entry, so the timeline can show them.
 */
export function describeStatus(command: string | undefined, code: number, scope: 'policy' | 'other' = 'other'): StatusInfo {
  if (code >= 100) {
    const global = globalStatus(code);
    if (global !== undefined) return global;
  }
  const table = scope === 'policy' ? POLICY : command === undefined ? undefined : BY_COMMAND[command];
  const known = table?.get(code);
  if (known !== undefined) return known;
  const key = `${command ?? '?'}:${code}`;
  let info = unknownCache.get(key);
  if (info === undefined) {
    info = Object.freeze({ code, name: 'Unknown', meaning: `Status ${code} is not in the ${command ?? 'EAS'} status table.` });
    if (unknownCache.size < 1000) unknownCache.set(key, info);
  }
  return info;
}

/** Commands whose failures mean a message was not sent. */
export const SEND_COMMANDS: ReadonlySet<string> = new Set(['SendMail', 'SmartReply', 'SmartForward']);
