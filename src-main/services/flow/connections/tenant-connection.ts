import type { AuthService } from '../../auth/auth-service';
import type { CaseClock } from '../../clock/case-clock';
import type { GraphClient } from '../../graph/graph-client';
import type { ExchangeCommands } from '../../powershell/exchange-commands';
import type { ExchangeConnection } from '../../powershell/exchange-connection';
import type { PowerShellSession, SessionStatus } from '../../powershell/powershell-session';

/**
 * Everything a case needs to talk to one tenant: sign-in, the PowerShell host with its Exchange
 * Online connection, and Graph. The demo tenant and a real tenant both produce this, so the
 * wizard's steps run the same code against either.
 */
export interface TenantConnection {
  readonly kind: 'demo' | 'tenant';
  /** Shown to the operator: "Demo tenant — Quarantined by the organization default". */
  readonly label: string;
  /** The tenant's "now": the wall clock for a real tenant, the scenario clock for the demo. */
  readonly clock: CaseClock;
  readonly auth: AuthService;
  readonly shell: PowerShellSession;
  readonly exchangeConnection: ExchangeConnection;
  readonly exchange: ExchangeCommands;
  readonly graph: GraphClient;
  onShellStatus(listener: (status: SessionStatus) => void): () => void;
  close(): Promise<void>;
}
