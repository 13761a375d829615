import { verifyDemoToken } from '../demo-token';
import { latencyFor, sleep } from '../latency';
import type { LatencyProfile } from '../scenario/scenario-schema';
import { EXCHANGE_CMDLETS, type CmdletOutput } from './exchange-cmdlets';
import { CmdletFailure, commandNotFound, unauthorized } from './exchange-errors';
import type { AllowedCmdlet, HostRequest } from './request-validation';
import type { TenantState } from './tenant-state';
import { wallClockMs } from '../../clock/wall-clock';

/** Answers a request: data and warnings, or a CmdletFailure / not-connected signal. */
export type SessionResult = CmdletOutput | { notConnected: true };

/**
 * The Exchange Online session of the simulated shell: Connect-ExchangeOnline with a demo access
 * token (checked like the real module's service would: signature, audience, tenant, expiry),
 * then the allow-listed cmdlets, each delayed by the latency profile.
 */
export class ExchangeSession {
  private connection: { expiresMs: number } | null = null;

  constructor(
    private readonly state: TenantState,
    private readonly latency: LatencyProfile,
    private readonly signingKey?: string,
  ) {}

  async run(request: HostRequest, spec: AllowedCmdlet): Promise<SessionResult> {
    const { cmdlet, params } = request;
    if (cmdlet === 'Connect-ExchangeOnline') return this.connect(params);
    if (cmdlet === 'Disconnect-ExchangeOnline') {
      this.connection = null;
      return { data: [], warnings: [] };
    }
    if (spec.kind === 'read' || spec.kind === 'write') {
      if (this.connection === null) return { notConnected: true };
      if (this.state.scenario.operator.unavailableCmdlets.includes(cmdlet)) throw commandNotFound(cmdlet);
      const implementation = EXCHANGE_CMDLETS[cmdlet];
      if (implementation === undefined) throw commandNotFound(cmdlet);
      const kind =
        cmdlet === 'Get-MobileDeviceStatistics' && params.GetMailboxLog === true ? 'mailbox-log' : 'cmdlet';
      await sleep(latencyFor(this.latency, kind));
      // The module does not refresh a token it was given (facts.md F8): after expiry calls fail.
      if (wallClockMs() >= this.connection.expiresMs) {
        throw unauthorized('UnAuthorized: the access token has expired. Connect again with a new token.');
      }
      return implementation(this.state, params);
    }
    throw new CmdletFailure({
      kind: 'cmdlet-error',
      category: 'NotImplemented',
      message: `${cmdlet} is not available in the demo shell.`,
      fullyQualifiedErrorId: '',
    });
  }

  private async connect(params: Record<string, unknown>): Promise<CmdletOutput> {
    await sleep(latencyFor(this.latency, 'connect'));
    const token = typeof params.AccessToken === 'string' ? params.AccessToken : undefined;
    if (token === undefined) {
      throw unauthorized(
        'The demo tenant signs in only with an access token from the demo identity provider (-AccessToken).',
      );
    }
    if (params.UserPrincipalName === undefined && params.Organization === undefined) {
      throw new CmdletFailure({
        kind: 'cmdlet-error',
        category: 'InvalidArgument',
        message: 'AccessToken must be used together with UserPrincipalName or Organization.',
        fullyQualifiedErrorId:
          'InvalidArgument,Microsoft.Exchange.Management.ExoPowershellSnapin.ConnectExchangeOnline',
      });
    }
    const check = verifyDemoToken(token, {
      audience: 'exchange',
      tenantId: this.state.scenario.tenant.id,
      key: this.signingKey,
    });
    if (!check.ok) {
      throw unauthorized(
        check.reason === 'expired' ? 'UnAuthorized: the access token has expired.' : 'UnAuthorized',
      );
    }
    this.connection = { expiresMs: check.claims.exp * 1000 };
    return { data: [], warnings: [] };
  }
}
