import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { CaseDocument } from '../../../shared/models/case';
import { createDigestStream } from '../atomic-file';
import { CASE_FILE, EVIDENCE_DIR } from '../case-layout';
import { InvalidCaseError, parseCaseJson } from '../case-json';
import { BundleRefusedError } from './bundle-errors';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle-limits';
import {
  BUNDLE_FORMAT,
  MANIFEST_FILE,
  SUPPORTED_BUNDLE_FORMAT_VERSIONS,
  bundleManifestSchema,
  bundlePathSchema,
  type BundleManifest,
} from './bundle-manifest';

export interface ReadBundleOptions {
  limits?: Partial<BundleLimits>;
  /**
   * Folder to extract into (must not exist yet). Only names that passed every check are written,
   * each resolved and checked to stay inside it. Leave out to verify only.
   */
  extractTo?: string;
}

/** A bundle whose manifest, hashes and case document all check out. */
export interface VerifiedBundle {
  manifest: BundleManifest;
  doc: CaseDocument;
  /** Number of files checked against the manifest. */
  fileCount: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const TRY_AGAIN = 'Ask the sender to export the bundle again.';

/** Turns yauzl's own refusals (it validates names and a few flags) into operator messages. */
function refusalFromZipError(error: Error, stage: 'open' | 'entries'): BundleRefusedError {
  const unsafe = /^(?:absolute path|invalid relative path|invalid characters in fileName): (.*)$/.exec(
    error.message,
  );
  if (unsafe !== null) {
    return new BundleRefusedError(
      'unsafe-path',
      `Refused: the file "${unsafe[1]}" in the bundle points outside the case folder (absolute path, ".." or "\\"). ` +
        'Bundles like this can overwrite files on your computer. Do not open it.',
      unsafe[1],
    );
  }
  if (/encryption/i.test(error.message)) {
    return new BundleRefusedError(
      'encrypted',
      'Refused: the bundle holds encrypted files, which this app never writes.',
    );
  }
  if (stage === 'open') {
    return new BundleRefusedError(
      'not-a-zip',
      `Refused: this is not a readable zip file (${error.message}). ${TRY_AGAIN}`,
    );
  }
  return new BundleRefusedError(
    'corrupt-entry',
    `Refused: the bundle is damaged (${error.message}). ${TRY_AGAIN}`,
  );
}

/** Checks one directory entry against every cap and rule; returns it as a file entry or undefined for the evidence folder. */
function checkEntry(entry: Entry, limits: BundleLimits): 'file' | 'directory' {
  const name = entry.fileName;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) {
    throw new BundleRefusedError(
      'symlink',
      `Refused: "${name}" is a symbolic link; a case bundle never holds links.`,
      name,
    );
  }
  if (entry.isEncrypted()) {
    throw new BundleRefusedError(
      'encrypted',
      `Refused: "${name}" is encrypted; this app never writes encrypted bundles.`,
      name,
    );
  }
  if (name === `${EVIDENCE_DIR}/`) return 'directory';
  if (name !== MANIFEST_FILE && !bundlePathSchema.safeParse(name).success) {
    throw new BundleRefusedError(
      'unexpected-file',
      `Refused: "${name}" is not part of a case bundle (only manifest.json, case.json, report.html and evidence/ files are).`,
      name,
    );
  }
  const isDocument = !name.startsWith(`${EVIDENCE_DIR}/`);
  const cap = isDocument ? limits.maxDocumentBytes : limits.maxEntryBytes;
  if (entry.uncompressedSize > cap) {
    throw new BundleRefusedError(
      'too-large',
      `Refused: "${name}" would unpack to ${entry.uncompressedSize} bytes, more than the ${cap}-byte limit.`,
      name,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxCompressionRatio) {
    throw new BundleRefusedError(
      'suspicious-compression',
      `Refused: "${name}" is compressed ${Math.round(ratio)}:1, far more than real logs; it looks like a zip bomb.`,
      name,
    );
  }
  return 'file';
}

/** Reads a small entry into memory, never past `cap` bytes. */
async function readSmallEntry(zip: ZipFile, entry: Entry, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = await zip.openReadStreamPromise(entry);
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _enc, callback) {
        total += chunk.length;
        if (total > cap) return callback(new Error(`more than ${cap} bytes`));
        chunks.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(chunks);
}

/** Reads manifest.json; anything that is not a manifest this version reads is a BundleRefusedError. */
export function parseManifest(bytes: Buffer): BundleManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BundleRefusedError(
      'bad-json',
      `Refused: manifest.json is not valid JSON. ${TRY_AGAIN}`,
      MANIFEST_FILE,
    );
  }
  const head = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (head?.format !== BUNDLE_FORMAT) {
    throw new BundleRefusedError(
      'bad-manifest',
      'Refused: manifest.json does not describe an ActiveSync Troubleshooter case bundle.',
      MANIFEST_FILE,
    );
  }
  if (
    typeof head.formatVersion !== 'number' ||
    !SUPPORTED_BUNDLE_FORMAT_VERSIONS.includes(head.formatVersion)
  ) {
    throw new BundleRefusedError(
      'unknown-format-version',
      `Refused: the bundle has format version ${JSON.stringify(head.formatVersion)}; this app reads version ` +
        `${SUPPORTED_BUNDLE_FORMAT_VERSIONS.join(', ')}. Update the app or ask for a bundle from the same version.`,
      MANIFEST_FILE,
    );
  }
  const parsed = bundleManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleRefusedError(
      'bad-manifest',
      `Refused: manifest.json is not a valid manifest (${issue?.path.join('.') || 'manifest'}: ${issue?.message}).`,
      MANIFEST_FILE,
    );
  }
  return parsed.data;
}

/** Resolves an already-validated bundle path inside the extraction folder, refusing any escape. */
function extractionTarget(root: string, name: string): string {
  const target = path.resolve(root, name);
  if (!target.startsWith(path.resolve(root) + path.sep)) {
    throw new BundleRefusedError(
      'unsafe-path',
      `Refused: "${name}" would be written outside the case folder.`,
      name,
    );
  }
  return target;
}

/** Streams one entry through a hash (and into the extraction folder when asked) and checks it. */
async function verifyEntry(
  zip: ZipFile,
  entry: Entry,
  expected: { sha256: string; size: number },
  extractTo?: string,
): Promise<void> {
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw refusalFromZipError(error as Error, 'entries');
  }
  const digest = createDigestStream();
  const sink =
    extractTo !== undefined
      ? createWriteStream(extractionTarget(extractTo, entry.fileName), { flags: 'wx', mode: 0o600 })
      : new Writable({ write: (_c, _e, callback) => callback() });
  try {
    await pipeline(stream, digest, sink);
  } catch (error) {
    throw new BundleRefusedError(
      'corrupt-entry',
      `Refused: "${entry.fileName}" is damaged (${(error as Error).message}). ${TRY_AGAIN}`,
      entry.fileName,
    );
  }
  const actual = digest.digest();
  if (actual.sha256 !== expected.sha256 || actual.size !== expected.size) {
    throw new BundleRefusedError(
      'tampered',
      `Refused: "${entry.fileName}" was changed after the bundle was made (its SHA-256 does not match the manifest). ` +
        'Do not trust this bundle; ask the sender for the original.',
      entry.fileName,
    );
  }
}

/** Lists the zip's entries after checking each one; nothing is inflated yet. */
async function listEntries(zip: ZipFile, limits: BundleLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > limits.maxEntries) {
    throw new BundleRefusedError(
      'too-many-entries',
      `Refused: the bundle has ${zip.entryCount} entries, more than the ${limits.maxEntries} a case bundle may hold.`,
    );
  }
  const files = new Map<string, Entry>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (checkEntry(entry, limits) === 'directory') continue;
      if (files.has(entry.fileName)) {
        throw new BundleRefusedError(
          'duplicate-file',
          `Refused: "${entry.fileName}" appears twice in the bundle.`,
          entry.fileName,
        );
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        throw new BundleRefusedError(
          'too-large',
          `Refused: the bundle would unpack to more than ${limits.maxTotalBytes} bytes.`,
        );
      }
      files.set(entry.fileName, entry);
    }
  } catch (error) {
    throw error instanceof BundleRefusedError ? error : refusalFromZipError(error as Error, 'entries');
  }
  return files;
}

function parseBundledCase(bytes: Buffer, manifest: BundleManifest): CaseDocument {
  let doc: CaseDocument;
  try {
    doc = parseCaseJson(bytes.toString('utf8'), 'case.json');
  } catch (error) {
    if (!(error instanceof InvalidCaseError)) throw error;
    const reason = /not valid JSON/.test(error.message)
      ? 'bad-json'
      : /format version/.test(error.message)
        ? 'unknown-format-version'
        : 'bad-case';
    throw new BundleRefusedError(reason, `Refused: ${error.message}`, CASE_FILE);
  }
  if (doc.id !== manifest.caseId) {
    throw new BundleRefusedError(
      'bad-case',
      'Refused: case.json belongs to a different case than the manifest.',
      CASE_FILE,
    );
  }
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  for (const item of doc.evidence) {
    if (item.fileName === undefined) continue;
    const file = listed.get(`${EVIDENCE_DIR}/${item.fileName}`);
    if (file === undefined || file.sha256 !== item.sha256 || file.size !== item.size) {
      throw new BundleRefusedError(
        'tampered',
        `Refused: case.json and manifest.json disagree about "${EVIDENCE_DIR}/${item.fileName}".`,
        `${EVIDENCE_DIR}/${item.fileName}`,
      );
    }
  }
  return doc;
}

/**
 * Opens a case bundle and checks everything before trusting anything: entry names, links,
 * encryption, counts, sizes and compression ratios; then the manifest (format and version); then
 * every file's SHA-256 and size; then case.json. Any failure throws a BundleRefusedError naming
 * the file. With `extractTo`, verified files are written there as they are checked.
 */
export async function readCaseBundle(
  zipPath: string,
  options: ReadBundleOptions = {},
): Promise<VerifiedBundle> {
  const limits = { ...DEFAULT_BUNDLE_LIMITS, ...options.limits };
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, {
      autoClose: false,
      decodeStrings: true,
      strictFileNames: true,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw refusalFromZipError(error as Error, 'open');
  }
  try {
    const files = await listEntries(zip, limits);
    const manifestEntry = files.get(MANIFEST_FILE);
    if (manifestEntry === undefined) {
      throw new BundleRefusedError(
        'missing-file',
        'Refused: the bundle has no manifest.json, so nothing in it can be checked.',
        MANIFEST_FILE,
      );
    }
    const manifest = parseManifest(
      await readSmallEntry(zip, manifestEntry, limits.maxDocumentBytes).catch((error: unknown) => {
        throw error instanceof BundleRefusedError ? error : refusalFromZipError(error as Error, 'entries');
      }),
    );
    const listed = new Set(manifest.files.map((f) => f.path));
    for (const name of files.keys()) {
      if (name !== MANIFEST_FILE && !listed.has(name)) {
        throw new BundleRefusedError(
          'unlisted-file',
          `Refused: "${name}" is in the bundle but not in its manifest; it was added later.`,
          name,
        );
      }
    }
    for (const file of manifest.files) {
      if (!files.has(file.path)) {
        throw new BundleRefusedError(
          'missing-file',
          `Refused: "${file.path}" is listed in the manifest but missing from the bundle.`,
          file.path,
        );
      }
    }
    if (!listed.has(CASE_FILE)) {
      throw new BundleRefusedError('missing-file', 'Refused: the bundle has no case.json.', CASE_FILE);
    }

    if (options.extractTo !== undefined) {
      await mkdir(options.extractTo);
      await mkdir(path.join(options.extractTo, EVIDENCE_DIR));
    }
    for (const file of manifest.files) {
      await verifyEntry(zip, files.get(file.path)!, file, options.extractTo);
    }
    // case.json is read again (capped) only after its hash matched.
    const caseBytes = await readSmallEntry(zip, files.get(CASE_FILE)!, limits.maxDocumentBytes);
    const doc = parseBundledCase(caseBytes, manifest);
    return { manifest, doc, fileCount: manifest.files.length };
  } finally {
    zip.close();
  }
}
