/** HTTP status codes seen with EAS and what they mean for the helpdesk (eas-reference.md §2.1). */
export const HTTP_STATUS_MEANING: Readonly<Record<number, string>> = {
  200: 'Processed; read the EAS status in the body to know if it worked.',
  400: 'Malformed request: the device ID, device type or command is invalid.',
  401: 'Sign-in refused: an expired or rejected token, or an account set up with a password.',
  403: 'Forbidden: often ActiveSync turned off for the user, or on old phones a blocked device.',
  404: 'Wrong server address.',
  449: 'The phone must download the security policy again (Provision).',
  451: 'The mailbox must be reached at another address (redirect).',
  456: 'The user account is blocked.',
  457: 'The password has expired.',
  429: 'Too many requests: Exchange slows the phone down (throttling).',
  500: 'Server error.',
  501: 'Command not supported.',
  503: 'Service unavailable: temporary failure or throttling.',
  507: 'Mailbox or send quota exceeded.',
};

/** Response headers that EAS code itself adds (the only ones a mailbox log shows). */
export const EAS_RESPONSE_HEADERS = [
  'Retry-After',
  'X-MS-ASThrottle',
  'X-MS-BackOffDuration',
  'X-MS-BackOffReason',
  'X-MS-ASError',
  'X-MS-RP',
  'MS-ASProtocolVersions',
  'X-MS-NoPush',
  'X-MS-Location',
] as const;
