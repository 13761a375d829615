import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { finished, pipeline as pipelinePromise } from 'node:stream/promises';
import { pipeline, type Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import yazl from 'yazl';
import { caseDocumentSchema, type CaseDocument, type EvidenceItem } from '../../../shared/models/case';
import { createDigestStream, fsyncDirectory, TEMP_SUFFIX } from '../atomic-file';
import { CASE_FILE, EVIDENCE_DIR, evidenceFilePath } from '../case-layout';
import { parseCaseJson } from '../case-json';
import { Redactor } from '../redaction/redactor';
import { renderCaseReport } from '../report/case-report-html';
import { scrubSecrets, scrubSecretsDeep } from '../secret-scrubber';
import { createTextRewriteStream } from '../text/text-rewrite-stream';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  MANIFEST_FILE,
  REPORT_FILE,
  bundleManifestSchema,
  type BundleManifest,
  type ManifestFile,
} from './bundle-manifest';
import { wallClockNow } from '../../clock/wall-clock';

export interface ExportBundleOptions {
  /** The case folder (holding case.json and evidence/). */
  caseFolder: string;
  /** Where to write the zip; written to a temp file first and renamed when complete. */
  outPath: string;
  appVersion: string;
  /** Replace UPNs, e-mail addresses, device ids, IP addresses and names with pseudonyms. */
  redact?: boolean;
  clock?: () => Date;
}

export interface ExportBundleResult {
  outPath: string;
  manifest: BundleManifest;
  /** Number of distinct identifiers replaced (0 when not redacting). */
  pseudonymCount: number;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Learning pass: reads every evidence file once so all identifiers are known before writing. */
async function learnEvidence(redactor: Redactor, folder: string, items: EvidenceItem[]): Promise<void> {
  for (const item of items) {
    if (item.fileName === undefined) continue;
    const { rewrite, sink } = redactor.createLearningSink();
    await pipelinePromise(createReadStream(evidenceFilePath(folder, item.fileName)), rewrite, sink);
  }
}

/**
 * Writes a case bundle: evidence files streamed (secrets scrubbed, optionally redacted, hashed on
 * the way into the zip), then case.json and report.html built from the same cleaned case, then
 * manifest.json listing every file with its SHA-256 and size. Memory stays flat whatever the size
 * of the logs. The zip appears at `outPath` only when complete.
 */
export async function exportCaseBundle(options: ExportBundleOptions): Promise<ExportBundleResult> {
  const clock = options.clock ?? (() => wallClockNow());
  const caseFile = path.join(options.caseFolder, CASE_FILE);
  const original = parseCaseJson(await readFile(caseFile, 'utf8'), caseFile);
  const redactor = options.redact === true ? new Redactor() : undefined;
  if (redactor !== undefined) {
    redactor.learnCase(original);
    await learnEvidence(redactor, options.caseFolder, original.evidence);
  }
  const cleanText = (text: string) => {
    const scrubbed = scrubSecrets(text);
    return redactor !== undefined ? redactor.rewrite(scrubbed) : scrubbed;
  };

  const created = clock();
  const entryOptions = { mtime: created, mode: 0o100644 };
  const zip = new yazl.ZipFile();
  const temp = `${options.outPath}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  const written = pipelinePromise(zip.outputStream, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
  // Keep a failure of the output side from surfacing as an unhandled rejection before we await it.
  written.catch(() => undefined);

  try {
    const files: ManifestFile[] = [];
    const evidence: EvidenceItem[] = [];
    for (const item of original.evidence) {
      if (item.fileName === undefined) {
        evidence.push(item);
        continue;
      }
      // File names can carry identifiers (a device id in "mailbox-log-<id>.txt"), so they are
      // redacted like the text; case.json's copy of the name is rewritten the same way.
      const entryPath = `${EVIDENCE_DIR}/${redactor !== undefined ? redactor.rewrite(item.fileName) : item.fileName}`;
      const digest = createDigestStream();
      let streamError: Error | null = null;
      const cleaned = pipeline(
        createReadStream(evidenceFilePath(options.caseFolder, item.fileName)),
        createTextRewriteStream(cleanText),
        digest,
        (error) => {
          streamError = error ?? null;
        },
      );
      zip.addReadStream(cleaned, entryPath, entryOptions);
      // If the zip cannot be written (no such folder, disk full) the entry never drains: fail instead of waiting.
      await Promise.race([finished(digest), written]);
      if (streamError !== null) throw streamError;
      const { size, sha256: hash } = digest.digest();
      files.push({ path: entryPath, size, sha256: hash });
      evidence.push({ ...item, size, sha256: hash });
    }

    const rewritten = redactor !== undefined ? redactor.rewriteDeep(scrubSecretsDeep({ ...original, evidence })) : scrubSecretsDeep({ ...original, evidence });
    // Finding codes are the app's vocabulary, not anyone's data: a name part ("Not", "Sync") that
    // also stands between underscores in a code must not change the code.
    const cleanedDoc: CaseDocument = caseDocumentSchema.parse({
      ...rewritten,
      findings: rewritten.findings.map((finding, i) => ({ ...finding, code: original.findings[i]!.code })),
      // The same for the codes and action names a closure records.
      ...(original.closures !== undefined && rewritten.closures !== undefined
        ? {
            closures: rewritten.closures.map((closure, i) => {
              const was = original.closures![i]!;
              return {
                ...closure,
                action: was.action,
                meantToFix: was.meantToFix,
                fixed: closure.fixed.map((f, j) => ({ ...f, code: was.fixed[j]!.code })),
                remaining: closure.remaining.map((f, j) => ({ ...f, code: was.remaining[j]!.code })),
              };
            }),
          }
        : {}),
    });
    // Hashes and sizes describe the bytes in the bundle, so they are restored after redaction.
    cleanedDoc.evidence = cleanedDoc.evidence.map((item, i) => ({
      ...item,
      size: evidence[i]!.size,
      sha256: evidence[i]!.sha256,
    }));
    const caseJson = Buffer.from(JSON.stringify(cleanedDoc, null, 2));
    const report = Buffer.from(
      renderCaseReport(cleanedDoc, {
        appVersion: options.appVersion,
        generatedAt: created.toISOString(),
        redacted: redactor !== undefined,
      }),
    );
    zip.addBuffer(caseJson, CASE_FILE, entryOptions);
    zip.addBuffer(report, REPORT_FILE, entryOptions);
    files.push({ path: CASE_FILE, size: caseJson.length, sha256: sha256(caseJson) });
    files.push({ path: REPORT_FILE, size: report.length, sha256: sha256(report) });

    const manifest = bundleManifestSchema.parse({
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      appVersion: options.appVersion,
      caseId: cleanedDoc.id,
      created: created.toISOString(),
      redacted: redactor !== undefined,
      files,
    });
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), MANIFEST_FILE, entryOptions);
    zip.end();
    await written;

    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, options.outPath);
    await fsyncDirectory(path.dirname(options.outPath));
    return { outPath: options.outPath, manifest, pseudonymCount: redactor?.pseudonyms.size ?? 0 };
  } catch (error) {
    (zip.outputStream as Readable).destroy();
    await written.catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
