import { alexIphone, backgroundSignIns, baseWhatIfNotApplying, ids, signIn } from './base-tenant';
import { defineScenario } from './define';

/**
 * The mailbox gate: is the address a real, reachable Exchange Online mailbox of a person? Each
 * story is one way it is not, which the wizard must say at the Mailbox step instead of checking
 * policies and logs as if the mailbox were fine.
 */
const alex = { id: ids.alex, upn: 'alex.wilber@contoso.example' };
const salesMailboxUserId = 'e8b7c6d5-4a3b-4c2d-9e1f-0a9b8c7d6e51';

/** A typo in the address: nobody has it, and the wizard offers the close match. */
export const wrongUpn = defineScenario(
  {
    id: 'wrong-upn-typo',
    title: 'Misspelt address: no such mailbox',
    story: "The ticket says 'alex.wilbur'; nobody has that address. The wizard stops at the mailbox and offers Alex Wilber.",
    details:
      'The operator copies the address from a ticket typed by a colleague: alex.wilbur@contoso.example. Exchange Online has no user or mailbox with it, so every later check would be about nobody (a Conditional Access policy for admins would even look like the cause). The wizard stops at the Mailbox step with "No mailbox found … check the spelling" and offers alex.wilber@contoso.example, which Exchange returns for a search on "alex". The command line exits 2 with one line naming the address.',
    expected: {
      user: 'alex.wilbur@contoso.example',
      rootCauses: ['MAILBOX_NOT_FOUND'],
      findings: ['MAILBOX_NOT_FOUND'],
      notFindings: ['CA_BLOCKS_EAS', 'HEALTHY_SYNC', 'EVIDENCE_UNAVAILABLE', 'NO_REQUESTS_REACHED_MAILBOX'],
    },
  },
  (t) => {
    t.exchange.mobileDevices = [{ ...alexIphone }];
    t.entra!.signIns = backgroundSignIns();
  },
);

/** Alex's account was disabled (a leaver script, a suspension): no token, no request, no log. */
export const accountDisabled = defineScenario(
  {
    id: 'account-disabled',
    title: 'Account disabled in Entra ID',
    story: "Alex's account was disabled by the leavers process by mistake; the phone cannot sign in, so nothing reaches the mailbox.",
    details:
      "HR marked the wrong Alex as a leaver and the identity team's script blocked sign-in for Alex Wilber last night. The mailbox, the phone's partnership and every Exchange setting are fine, but Entra refuses every sign-in (error 50057), so the phone gets no token and the mailbox log stays empty even with logging on. The fix is to enable the account (identity team), not anything on the phone or in Exchange.",
    expected: {
      rootCauses: ['ACCOUNT_DISABLED'],
      findings: ['ACCOUNT_DISABLED', 'NO_REQUESTS_REACHED_MAILBOX', 'DEBUG_LOGGING_ACTIVE'],
      notFindings: ['HEALTHY_SYNC', 'DEVICE_BLOCKED', 'MAILBOX_NOT_FOUND'],
    },
  },
  (t) => {
    t.users![1]!.accountEnabled = false;
    t.exchange.mailboxes![1]!.debugLoggingEnabledAt = '2026-11-26T08:00:00Z';
    t.exchange.mobileDevices = [
      { ...alexIphone, lastSuccessSync: '2026-11-25T17:40:00Z', lastSyncAttemptTime: '2026-11-25T17:40:00Z', mailboxLog: { text: '' } },
    ];
    const refused = (at: string) => signIn({ at, user: alex, os: 'Ios', errorCode: 50057, failureReason: 'User account is disabled. The account has been disabled by an administrator.' });
    t.entra!.signIns = [refused('2026-11-26T08:41:12Z'), refused('2026-11-26T08:11:03Z'), ...backgroundSignIns()];
    t.entra!.whatIf!.results = [{ when: { userId: ids.alex }, policies: baseWhatIfNotApplying() }];
  },
);

/** The Exchange Online licence was removed: the account is there, the mailbox is not. */
export const unlicensedMailbox = defineScenario(
  {
    id: 'unlicensed-mailbox',
    title: 'Licence removed: the user has no mailbox',
    story: "A licence clean-up removed Alex's Exchange Online licence; the account exists but the mailbox is gone, so nothing can sync.",
    details:
      "Finance ran a licence clean-up and removed Exchange Online from Alex's plan. Exchange disconnects the mailbox when its licence is removed (it keeps it for 30 days), so Get-Recipient finds nothing while Get-User still shows the account, as a plain User. Phones get status 123 (user has no mailbox) or cannot connect at all. The wizard stops at the Mailbox step: re-assigning the licence within 30 days reconnects the mailbox.",
    expected: {
      rootCauses: ['MAILBOX_UNLICENSED'],
      findings: ['MAILBOX_UNLICENSED'],
      notFindings: ['MAILBOX_NOT_FOUND', 'HEALTHY_SYNC', 'EVIDENCE_UNAVAILABLE'],
    },
  },
  (t) => {
    t.exchange.mailboxes = t.exchange.mailboxes!.filter((m) => m.user !== alex.upn);
    t.exchange.mobileDevices = [];
    t.entra!.signIns = backgroundSignIns();
  },
);

/** Hybrid: Alex's mailbox was never moved to Exchange Online. */
export const hybridOnPremises = defineScenario(
  {
    id: 'hybrid-mailbox-on-premises',
    title: 'Hybrid: the mailbox is still on-premises',
    story: "Alex's mailbox still lives on the on-premises Exchange server; Exchange Online only redirects the phone there (451).",
    details:
      "Contoso runs Exchange hybrid and Alex's mailbox is in the last migration batch, still on-premises. In Exchange Online Alex is a MailUser, so there is no cloud mailbox, no cloud partnership and no cloud log: the phone is redirected to the on-premises server with HTTP 451, which is where the problem is. Tier 1 escalates to the on-premises Exchange team with the case.",
    expected: {
      rootCauses: ['MAILBOX_ON_PREMISES'],
      findings: ['MAILBOX_ON_PREMISES'],
      notFindings: ['MAILBOX_NOT_FOUND', 'HEALTHY_SYNC', 'EVIDENCE_UNAVAILABLE'],
    },
  },
  (t) => {
    t.exchange.mailboxes![1] = { user: alex.upn, alias: 'alex.wilber', recipientTypeDetails: 'MailUser' };
    t.exchange.mobileDevices = [];
    t.entra!.signIns = backgroundSignIns();
  },
);

/** The ticket names the team's shared mailbox, not the person whose phone fails. */
export const sharedMailbox = defineScenario(
  {
    id: 'shared-mailbox-entered',
    title: 'A shared mailbox entered instead of the person',
    story: "The ticket names sales@contoso.example, the team's shared mailbox; nobody signs in to it, so it has no phone of its own.",
    details:
      'Alex wrote "sales@ does not come through on my phone". The operator enters sales@contoso.example, a shared mailbox: nobody signs in to it and its account is disabled, as shared mailboxes are. The wizard stops at the Mailbox step and says so: troubleshoot the person\'s own mailbox, and read the shared mailbox on the phone by adding it in Outlook mobile.',
    expected: {
      user: 'sales@contoso.example',
      rootCauses: ['SHARED_OR_RESOURCE_MAILBOX'],
      findings: ['SHARED_OR_RESOURCE_MAILBOX'],
      notFindings: ['MAILBOX_NOT_FOUND', 'ACCOUNT_DISABLED', 'HEALTHY_SYNC', 'EVIDENCE_UNAVAILABLE'],
    },
  },
  (t) => {
    t.users = [
      ...t.users!,
      { id: salesMailboxUserId, userPrincipalName: 'sales@contoso.example', displayName: 'Sales Team', mail: 'sales@contoso.example', accountEnabled: false },
    ];
    t.exchange.mailboxes = [...t.exchange.mailboxes!, { user: 'sales@contoso.example', alias: 'sales', recipientTypeDetails: 'SharedMailbox' }];
    t.exchange.mobileDevices = [{ ...alexIphone }];
    t.entra!.signIns = backgroundSignIns();
  },
);
