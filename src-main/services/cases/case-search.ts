import type { CaseDocument } from '../../shared/models/case';

/** One row of the case library; built from case.json without touching the evidence. */
export interface CaseSummary {
  id: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  userUpn: string;
  deviceId?: string;
  ticketRef?: string;
  symptom: string;
  operator: string;
  findingCodes: string[];
  stepsDone: number;
  stepsTotal: number;
  /** Not closed and not imported: the app offers to resume it. */
  incomplete: boolean;
  /** Came from a bundle: opens for review only. */
  readOnly: boolean;
}

/** Library search; every given criterion must match (case-insensitive substring for text). */
export interface CaseQuery {
  /** Free text matched against user, device, ticket, symptom and finding codes. */
  text?: string;
  user?: string;
  device?: string;
  ticket?: string;
  findingCode?: string;
  /** Cases created at or after this instant (ISO date or date-time). */
  from?: string;
  /** Cases created at or before this instant; a bare date includes that whole day. */
  to?: string;
}

/** Builds the library row for a case document. */
export function summarizeCase(doc: CaseDocument): CaseSummary {
  return {
    id: doc.id,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    ...(doc.closedAt !== undefined && { closedAt: doc.closedAt }),
    userUpn: doc.subject.userUpn,
    ...(doc.subject.deviceId !== undefined && { deviceId: doc.subject.deviceId }),
    ...(doc.subject.ticketRef !== undefined && { ticketRef: doc.subject.ticketRef }),
    symptom: doc.subject.symptom,
    operator: doc.operator.name,
    findingCodes: [...new Set(doc.findings.map((f) => f.code))],
    stepsDone: doc.steps.filter((s) => s.status === 'done').length,
    stepsTotal: doc.steps.length,
    incomplete: doc.closedAt === undefined && doc.imported === undefined,
    readOnly: doc.imported !== undefined,
  };
}

const contains = (haystack: string | undefined, needle: string) =>
  haystack !== undefined && haystack.toLowerCase().includes(needle.toLowerCase());

function endOfRange(to: string): number {
  // "2026-03-01" means the whole of that day (UTC), not its first millisecond.
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? Date.parse(`${to}T23:59:59.999Z`) : Date.parse(to);
}

/** True when the summary satisfies every criterion of the query. */
export function matchesQuery(summary: CaseSummary, query: CaseQuery): boolean {
  if (query.user !== undefined && !contains(summary.userUpn, query.user)) return false;
  if (query.device !== undefined && !contains(summary.deviceId, query.device)) return false;
  if (query.ticket !== undefined && !contains(summary.ticketRef, query.ticket)) return false;
  if (query.findingCode !== undefined && !summary.findingCodes.some((c) => contains(c, query.findingCode!))) {
    return false;
  }
  const created = Date.parse(summary.createdAt);
  if (query.from !== undefined && created < Date.parse(query.from)) return false;
  if (query.to !== undefined && created > endOfRange(query.to)) return false;
  if (query.text !== undefined && query.text.trim() !== '') {
    const text = query.text.trim();
    const fields = [
      summary.userUpn,
      summary.deviceId,
      summary.ticketRef,
      summary.symptom,
      ...summary.findingCodes,
    ];
    if (!fields.some((field) => contains(field, text))) return false;
  }
  return true;
}
