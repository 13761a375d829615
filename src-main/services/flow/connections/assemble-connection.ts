import type { AuthService } from '../../auth/auth-service';
import { GraphClient, type FetchLike } from '../../graph/graph-client';
import { ExchangeCommands } from '../../powershell/exchange-commands';
import { ExchangeConnection } from '../../powershell/exchange-connection';
import type { PowerShellSession } from '../../powershell/powershell-session';
import type { TenantConnection } from './tenant-connection';

export interface ConnectionParts {
  kind: TenantConnection['kind'];
  label: string;
  clock: TenantConnection['clock'];
  auth: AuthService;
  shell: PowerShellSession;
  graph: { baseUrl: string; fetch: FetchLike };
  /** Real tenants may fall back to Connect-ExchangeOnline's own sign-in; the demo never needs it. */
  allowInteractiveFallback: boolean;
  /** Anything else to stop with the connection (the demo's Graph simulator). */
  closeAlso?: () => Promise<void>;
}

/** Wires Exchange and Graph onto a sign-in and a shell the same way for the demo and a real tenant. */
export function assembleConnection(parts: ConnectionParts): TenantConnection {
  const { auth, shell } = parts;
  const exchangeConnection = new ExchangeConnection({ host: shell, auth, allowInteractiveFallback: parts.allowInteractiveFallback });
  const graph = new GraphClient({
    baseUrl: parts.graph.baseUrl,
    fetch: parts.graph.fetch,
    getToken: async ({ forceRefresh }) => (await auth.getToken('graph', { forceRefresh })).token,
  });
  return {
    kind: parts.kind,
    label: parts.label,
    clock: parts.clock,
    auth,
    shell,
    exchangeConnection,
    exchange: new ExchangeCommands(exchangeConnection),
    graph,
    onShellStatus: (listener) => shell.onStatus(listener),
    close: async () => {
      exchangeConnection.dispose();
      await Promise.allSettled([shell.dispose(), parts.closeAlso?.()]);
    },
  };
}
