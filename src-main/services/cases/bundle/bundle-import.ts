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

export interface ImportBundleOptions {
  limits?: Partial<BundleLimits>;
  clock?: () => Date;
}

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
    const doc = caseDocumentSchema.parse({
      ...bundle.doc,
      imported: {
        at: clock().toISOString(),
        appVersion: bundle.manifest.appVersion,
        redacted: bundle.manifest.redacted,
      },
    });
    await writeFileAtomic(path.join(staging, CASE_FILE), JSON.stringify(doc, null, 2));
    await rename(staging, target);
    await fsyncDirectory(store.root);
    return doc;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
