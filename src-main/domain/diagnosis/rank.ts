import type { Finding } from '../../shared/models/finding';
import { catalogEntry, type FindingCode } from './catalog';

const SEVERITY_ORDER = { blocker: 0, warning: 1, info: 2 } as const;
const CONFIDENCE_ORDER = { high: 0, medium: 1, low: 2 } as const;

/**
 * Orders findings most-likely-root-cause first: severity, then the catalog priority (causes that
 * explain others, such as a remote wipe or a disabled protocol, come before their symptoms), then
 * confidence. Assigns rank 1…n.
 */
export function rankFindings(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      catalogEntry(a.code as FindingCode).priority - catalogEntry(b.code as FindingCode).priority ||
      CONFIDENCE_ORDER[a.confidence] - CONFIDENCE_ORDER[b.confidence] ||
      (a.deviceId ?? '').localeCompare(b.deviceId ?? ''),
  );
  return sorted.map((f, i) => ({ ...f, rank: i + 1 }));
}
