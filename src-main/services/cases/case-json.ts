import { CASE_FORMAT_VERSION, caseDocumentSchema, type CaseDocument } from '../../shared/models/case';

/** A case.json that cannot be used, with a reason the operator can act on. */
export class InvalidCaseError extends Error {
  override name = 'InvalidCaseError';
}

/**
 * Parses and validates a case document. Unknown format versions are refused with their own
 * message (a newer app wrote it) rather than a list of schema errors.
 */
export function parseCaseJson(text: string, label: string): CaseDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidCaseError(`${label} is not valid JSON, so the case cannot be read.`);
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== CASE_FORMAT_VERSION) {
    throw new InvalidCaseError(
      `${label} has case format version ${JSON.stringify(version)}; this app reads version ${CASE_FORMAT_VERSION}. ` +
        'Update the app to open it.',
    );
  }
  const parsed = caseDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidCaseError(
      `${label} does not match the case format (${issue?.path.join('.') || 'document'}: ${issue?.message}).`,
    );
  }
  return parsed.data;
}
