import { GraphError } from '../graph/graph-errors';
import { HostRequestError } from '../powershell/errors';
import { ExchangeDataError } from '../powershell/exchange-commands';
import { ExchangeConnectionError } from '../powershell/exchange-connection';
import type { CaseSession, StepResult } from './case-session';
import type { StepJudgement } from '../../domain/judges/judgement';
import type { TenantConnection } from './connections/tenant-connection';

/** What a running step may use: the case, the tenant, cancellation and a way to report progress. */
export interface StepContext {
  session: CaseSession;
  connection: TenantConnection;
  signal: AbortSignal;
  progress(message: string, fraction?: number): void;
}

/**
 * Turns a collector's failure into "unavailable: reason" when it is one the wizard can carry on
 * from (missing cmdlet or permission, Exchange data it cannot read, Graph refusing), and rethrows
 * anything else (cancellation, a crashed host the session could not recover).
 */
export async function orUnavailable<T>(collect: () => Promise<T>): Promise<T | { unavailable: string }> {
  try {
    return await collect();
  } catch (error) {
    if (error instanceof HostRequestError && (error.kind === 'cancelled' || error.kind === 'timeout')) throw error;
    if (
      error instanceof HostRequestError ||
      error instanceof ExchangeDataError ||
      error instanceof ExchangeConnectionError ||
      error instanceof GraphError
    ) {
      return { unavailable: error.message };
    }
    throw error;
  }
}

/**
 * The step's result from the domain's judgement: the same checks the diagnosis read, with each
 * evidence name turned into the capture the operator can open.
 */
export function fromJudgement(session: CaseSession, judgement: StepJudgement): StepResult {
  return {
    outcome: judgement.outcome,
    summary: judgement.summary,
    checks: judgement.checks.map((c) => ({
      id: c.id,
      label: c.label,
      outcome: c.outcome,
      detail: c.detail,
      evidence: c.evidence.map((name) => session.get(name)?.evidenceId).filter((id): id is string => id !== undefined),
    })),
    ...(judgement.stop ? { stop: judgement.stop } : {}),
  };
}
