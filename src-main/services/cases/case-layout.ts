import path from 'node:path';
import { AppError } from '../../shared/ipc/result';
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
  const id = caseIdSchema.safeParse(caseId);
  if (!id.success) throw new AppError('INVALID_REQUEST', 'That is not a case id this app writes (8 to 64 lower-case letters, digits or dashes).');
  return path.join(root, id.data);
}

/** Path of one evidence body; the file name is validated to stay inside the evidence folder. */
export function evidenceFilePath(folder: string, fileName: string): string {
  return path.join(folder, EVIDENCE_DIR, evidenceFileNameSchema.parse(fileName));
}
