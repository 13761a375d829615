/** The wizard's steps in order, as the operator sees them in the side list. */
export const WIZARD_STEPS = [
  { id: 'start', title: 'New case', hint: 'Who is affected, and on which device' },
  { id: 'connect', title: 'Connect', hint: 'Sign in and check your permissions' },
  { id: 'mailbox', title: 'Mailbox and devices', hint: 'ActiveSync access and device state' },
  { id: 'client-access-rules', title: 'Client Access Rules', hint: 'Retired in Exchange Online' },
  { id: 'conditional-access', title: 'Conditional Access', hint: 'Policies and sign-in evidence' },
  { id: 'authentication', title: 'Authentication', hint: 'Modern authentication' },
  { id: 'debug-logging', title: 'Debug logging', hint: 'Capture the device conversation' },
  { id: 'logs', title: 'Fetch and analyse logs', hint: 'What the device and Exchange said' },
  { id: 'summary', title: 'Summary', hint: 'Root cause and next steps' },
] as const;
