import { z } from 'zod';
import { caseIdSchema, isWindowsSafeFileName } from '../../../shared/models/case';

/** Identifies our zip among others; a bundle without it is not a case bundle. */
export const BUNDLE_FORMAT = 'eas-troubleshooter-case-bundle';
/** Bump on any change an older reader could misread; readers refuse versions they do not know. */
export const BUNDLE_FORMAT_VERSION = 1;
export const SUPPORTED_BUNDLE_FORMAT_VERSIONS: readonly number[] = [BUNDLE_FORMAT_VERSION];

export const MANIFEST_FILE = 'manifest.json';
export const REPORT_FILE = 'report.html';

/**
 * The only paths a bundle may hold besides manifest.json. Anything else is refused, which also
 * shuts out zip-slip: no name that passes this can leave the case folder.
 */
export const bundlePathSchema = z
  .string()
  .regex(
    /^(?:case\.json|report\.html|evidence\/[A-Za-z0-9][A-Za-z0-9._-]{0,127})$/,
    'A bundle holds only case.json, report.html and evidence/<file>.',
  )
  .refine(
    (p) => isWindowsSafeFileName(p.slice(p.lastIndexOf('/') + 1)),
    'A bundle file cannot be named like a Windows device (CON, NUL, COM1…) or end in a dot.',
  );

export const manifestFileSchema = z.object({
  path: bundlePathSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const bundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  appVersion: z.string().min(1).max(60),
  caseId: caseIdSchema,
  /** When the bundle was written (ISO 8601). */
  created: z.iso.datetime({ offset: true }),
  /** True when identifiers were replaced with pseudonyms. */
  redacted: z.boolean(),
  /** Every other file in the zip with its SHA-256 and size; nothing unlisted is accepted. */
  files: z.array(manifestFileSchema).min(1),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;
