import type { HostResult, RequestOptions } from './powershell-session';

/**
 * The part of PowerShellSession the Exchange layer needs. Kept as an interface so the
 * connection manager and the typed cmdlet wrappers run unchanged over the real host and the
 * demo tenant's simulated shell (both drive a PowerShellSession) and stay easy to reason about.
 */
export interface HostClient {
  request(cmdlet: string, params?: Record<string, unknown>, options?: RequestOptions): Promise<HostResult>;
  /** Called each time the host was replaced: its Exchange connection is gone. */
  onRestart(listener: (generation: number) => void): () => void;
}
