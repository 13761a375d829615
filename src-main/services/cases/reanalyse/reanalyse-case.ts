import type { Readable } from 'node:stream';
import type { CaseDocument, EvidenceItem } from '../../../shared/models/case';
import type { Finding } from '../../../shared/models/finding';
import type { CaseStore } from '../case-store';
import { diffFindings, type FindingsDiff } from './findings-diff';

/**
 * Port to the analysis engine (src-main/domain, issue 7 and later): given a case and a way to read
 * its raw evidence, produce findings. The engine reads evidence as streams so big logs stay on disk.
 */
export interface AnalysisEngine {
  version: string;
  analyse(input: { doc: CaseDocument; openEvidence(item: EvidenceItem): Readable }): Promise<Finding[]>;
}

export interface ReanalysisResult {
  engineVersion: string;
  previousEngineVersion: string;
  findings: Finding[];
  diff: FindingsDiff;
}

/**
 * Re-runs the current engine over a saved or imported case's raw evidence and reports what changed.
 * The case itself is not modified (imported cases are read-only); the UI shows the diff.
 */
export async function reanalyseCase(
  store: CaseStore,
  caseId: string,
  engine: AnalysisEngine,
): Promise<ReanalysisResult> {
  const opened = await store.openReadOnly(caseId);
  const doc = structuredClone(opened.doc) as CaseDocument;
  const findings = await engine.analyse({ doc, openEvidence: (item) => opened.openEvidence(item) });
  return {
    engineVersion: engine.version,
    previousEngineVersion: doc.analysisEngineVersion,
    findings,
    diff: diffFindings(doc.findings, findings),
  };
}
