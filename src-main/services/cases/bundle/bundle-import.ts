import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { caseDocumentSchema, type CaseDocument } from '../../../shared/models/case';
import { fsyncDirectory, writeFileAtomic } from '../atomic-file';
import { CASE_FILE } from '../case-layout';
import type { CaseStore } from '../case-store';
import { BundleRefusedError } from './bundle-errors';
import type { BundleLimits } from './bundle-limits';
import { readCaseBundle } from './bundle-reader';
import { wallClockNow } from '../../clock/wall-clock';
import { REPORT_FILE } from './bundle-manifest';
import { checkRedactionClaim } from '../redaction/redaction-check';
import { renderCaseReport } from '../report/case-report-html';

export interface ImportBundleOptions {
  limits?: Partial<BundleLimits>;
  clock?: () => Date;
  /** This app's version, for the rebuilt report's footer; defaults to the bundle's. */
  appVersion?: string;
}

const LEAK_WORDS = {
  email: 'an e-mail address',
  alias: 'a user name',
  device: 'a device id',
  ip: 'an IP address',
  name: 'a name',
  person: "a person's name",
  guid: 'an object id',
  tenant: 'a tenant name',
} as const;

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/**
 * Imports a verified bundle into the library as a read-only case. Files are extracted into a
 * hidden staging folder inside the library and moved into place only when every check passed;
 * on any refusal the staging folder is removed, so nothing is left behind.
 */
export async function importCaseBundle(
  store: CaseStore,
  zipPath: string,
  options: ImportBundleOptions = {},
): Promise<CaseDocument> {
  const clock = options.clock ?? (() => wallClockNow());
  await mkdir(store.root, { recursive: true });
  const staging = path.join(store.root, `.import-${randomBytes(6).toString('hex')}`);
  try {
    const bundle = await readCaseBundle(zipPath, {
      extractTo: staging,
      ...(options.limits && { limits: options.limits }),
    });
    const target = store.folderOf(bundle.doc.id);
    if (await exists(target)) {
      throw new BundleRefusedError(
        'already-in-library',
        `This case (${bundle.doc.id}) is already in your case library. Open it there, or delete it first to import the bundle again.`,
      );
    }
    // The hashes only prove the bundle is consistent. A "redacted" claim is checked against the
    // content, since an operator may pass a redacted bundle on where a full one must not go.
    if (bundle.manifest.redacted) {
      const leak = await checkRedactionClaim(staging, bundle.doc);
      if (leak !== null) {
        throw new BundleRefusedError(
          'redaction-claim-false',
          `Refused: this bundle says it is redacted, but ${leak.file} still holds ${LEAK_WORDS[leak.kind]}. It was not written by this app's redaction, or was changed after. Do not pass it on; ask the sender to export the case again.`,
          leak.file,
        );
      }
    }
    const doc = caseDocumentSchema.parse({
      ...bundle.doc,
      imported: {
        at: clock().toISOString(),
        appVersion: bundle.manifest.appVersion,
        redacted: bundle.manifest.redacted,
      },
    });
    await writeFileAtomic(path.join(staging, CASE_FILE), JSON.stringify(doc, null, 2));
    // The shipped report.html is never kept: anyone can put a script in it and re-hash. The
    // report is rebuilt from the checked case.json, exactly as an export would write it.
    await writeFileAtomic(
      path.join(staging, REPORT_FILE),
      renderCaseReport(doc, {
        appVersion: options.appVersion ?? bundle.manifest.appVersion,
        generatedAt: clock().toISOString(),
        redacted: bundle.manifest.redacted,
      }),
    );
    await rename(staging, target);
    await fsyncDirectory(store.root);
    return doc;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
