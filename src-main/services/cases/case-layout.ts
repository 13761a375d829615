import path from 'node:path';
import { caseIdSchema, evidenceFileNameSchema } from '../../shared/models/case';

/** Name of the case document inside a case folder (and inside a bundle). */
export const CASE_FILE = 'case.json';
/** Folder of evidence bodies inside a case folder (and inside a bundle). */
export const EVIDENCE_DIR = 'evidence';

/**
 * Where a case lives under the library root. The id is validated first, so an id coming from IPC
 * or a bundle can never point outside the root.
 */
export function caseFolder(root: string, caseId: string): string {
  return path.join(root, caseIdSchema.parse(caseId));
}

/** Path of one evidence body; the file name is validated to stay inside the evidence folder. */
export function evidenceFilePath(folder: string, fileName: string): string {
  return path.join(folder, EVIDENCE_DIR, evidenceFileNameSchema.parse(fileName));
}
