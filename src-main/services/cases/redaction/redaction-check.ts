import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CaseDocument } from '../../../shared/models/case';
import { evidenceFilePath } from '../case-layout';
import { createTextRewriteStream } from '../text/text-rewrite-stream';
import { findIdentifiers, type FoundIdentifier } from './identifier-patterns';
import { MAX_LITERAL_LENGTH } from './pseudonym-map';

/**
 * The forms PseudonymMap invents. A value of one of these forms is already redacted; anything
 * else the identifier patterns find was not.
 */
const PSEUDONYM_FORMS: readonly RegExp[] = [
  /^user\d+@redacted\.invalid$/i,
  /^user\d+$/i,
  /^REDACTEDDEVICE\d{4,}$/,
  /^Person \d+$/,
  /^(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/,
  /^10\.255\.\d{1,3}\.\d{1,3}$/,
  /^2001:db8::[0-9a-f]{1,4}$/i,
  /^00000000-0000-4000-8000-[0-9a-f]{12}$/i,
  /^tenant\d+\.redacted\.invalid$/i,
];
/** The writer leaves values this short or long alone (see PseudonymMap), so they prove nothing. */
const MIN_LENGTH = 3;

/** Identifiers in the text that are not pseudonyms: in a redacted bundle, each is a leak. */
export function unredactedIdentifiers(text: string, kept: ReadonlySet<string> = new Set()): FoundIdentifier[] {
  return findIdentifiers(text).filter(({ value }) => {
    const v = value.trim();
    return (
      v.length >= MIN_LENGTH &&
      v.length <= MAX_LITERAL_LENGTH &&
      !kept.has(v.toLowerCase()) &&
      !PSEUDONYM_FORMS.some((form) => form.test(v))
    );
  });
}

/** Where a redacted bundle still names someone or something, for the refusal message. */
export interface RedactionLeak {
  file: string;
  kind: FoundIdentifier['kind'];
}

/**
 * Checks a bundle's "redacted" claim against its content: case.json and every evidence file
 * (streamed, in bounded memory) must hold no identifier that is not a pseudonym. Returns the
 * first leak, or null when the claim holds.
 */
export async function checkRedactionClaim(caseFolder: string, doc: CaseDocument): Promise<RedactionLeak | null> {
  // The case id is a random GUID the redaction keeps on purpose (see Redactor.learnCase).
  const kept = new Set([doc.id.toLowerCase()]);
  const inCase = unredactedIdentifiers(JSON.stringify(doc, null, 2), kept)[0];
  if (inCase !== undefined) return { file: 'case.json', kind: inCase.kind };
  for (const item of doc.evidence) {
    if (item.fileName === undefined) continue;
    let leak: FoundIdentifier | undefined;
    const scan = createTextRewriteStream((text) => {
      leak ??= unredactedIdentifiers(text, kept)[0];
      return '';
    });
    await pipeline(
      createReadStream(evidenceFilePath(caseFolder, item.fileName)),
      scan,
      new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    );
    if (leak !== undefined) return { file: `evidence/${item.fileName}`, kind: leak.kind };
  }
  return null;
}
