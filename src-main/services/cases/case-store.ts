import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  CASE_FORMAT_VERSION,
  caseDocumentSchema,
  evidenceItemSchema,
  type CaseConnection,
  type CaseDocument,
  type CaseSubject,
  type EvidenceItem,
  type EvidenceKind,
} from '../../shared/models/case';
import { fsyncDirectory, TEMP_SUFFIX, writeFileAtomic, writeStreamAtomic } from './atomic-file';
import { CASE_FILE, EVIDENCE_DIR, caseFolder, evidenceFilePath } from './case-layout';
import { matchesQuery, summarizeCase, type CaseQuery, type CaseSummary } from './case-search';
import { scrubSecrets, scrubSecretsDeep } from './secret-scrubber';
import { createTextRewriteStream } from './text/text-rewrite-stream';
import { parseCaseJson } from './case-json';
import { wallClockNow } from '../clock/wall-clock';
import { AppError } from '../../shared/ipc/result';

/** Prefix of a case folder being created (hidden: the library skips dot-folders). */
const NEW_CASE_PREFIX = '.new-';
const NO_SUCH_CASE = 'There is no case with this id in your case library (it may have been deleted).';
const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** What the wizard knows when it starts a case. */
export interface NewCaseInput {
  operator: CaseDocument['operator'];
  subject: CaseSubject;
  connection: CaseConnection;
  analysisEngineVersion: string;
  /** Normally generated; tests and imports may fix it. */
  id?: string;
}

/** Metadata of one piece of evidence to attach; the store fills in file name, size and hash. */
export interface EvidenceInput {
  id?: string;
  step: string;
  kind: EvidenceKind;
  source: string;
  contentType: string;
  capturedAt?: string;
}

/** Evidence body: small text or bytes, or a stream for big logs (never buffered whole). */
export type EvidenceBody = string | Uint8Array | Readable;

/** A case opened for review: deeply frozen, so nothing can change it by accident. */
export interface ReadOnlyCase {
  doc: DeepReadonly<CaseDocument>;
  folder: string;
  /** Streams one evidence body from disk. */
  openEvidence(item: Pick<EvidenceItem, 'fileName'>): Readable;
}

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Thrown when a caller tries to change a case that is read-only (imported from a bundle). */
export class ReadOnlyCaseError extends Error {
  override name = 'ReadOnlyCaseError';
}

/** A case folder that could not be read; listed so the library can say so instead of hiding it. */
export interface UnreadableCase {
  folder: string;
  reason: string;
}

const EXTENSION_BY_TYPE: Record<string, string> = { 'application/json': 'json', 'text/html': 'html' };

function extensionFor(contentType: string): string {
  return EXTENSION_BY_TYPE[contentType.split(';')[0]!.trim()] ?? 'txt';
}

function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}

/**
 * The case library on disk: one folder per case under `root` (Electron's userData/cases in the
 * app, a temp folder in tests) holding case.json and evidence/. Every save is atomic, so killing
 * the app at any moment leaves the last completed save intact.
 */
export class CaseStore {
  constructor(
    readonly root: string,
    private readonly clock: () => Date = () => wallClockNow(),
  ) {}

  /** Folder of one case (the id is validated, so it cannot escape the root). */
  folderOf(caseId: string): string {
    return caseFolder(this.root, caseId);
  }

  /** Starts a case and saves it at once, so even a case with no step done can be resumed. */
  async create(input: NewCaseInput): Promise<CaseDocument> {
    const now = this.clock().toISOString();
    const doc = caseDocumentSchema.parse({
      formatVersion: CASE_FORMAT_VERSION,
      id: input.id ?? randomUUID(),
      createdAt: now,
      updatedAt: now,
      operator: input.operator,
      subject: input.subject,
      connection: input.connection,
      steps: [],
      evidence: [],
      findings: [],
      audit: [],
      analysisEngineVersion: input.analysisEngineVersion,
    });
    const folder = this.folderOf(doc.id);
    // Built in a hidden staging folder and renamed into place, so a crash at any moment leaves
    // a whole case or none (a staging folder the library ignores and sweeps on the next start).
    const staging = `${this.root}/${NEW_CASE_PREFIX}${doc.id}`;
    await mkdir(this.root, { recursive: true });
    await mkdir(staging);
    try {
      await mkdir(`${staging}/${EVIDENCE_DIR}`);
      await writeFileAtomic(`${staging}/${CASE_FILE}`, JSON.stringify(doc, null, 2));
      await rename(staging, folder);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    await fsyncDirectory(this.root);
    return doc;
  }

  /**
   * Autosave: validates, scrubs secrets, stamps updatedAt and replaces case.json atomically.
   * Returns the document as saved. Imported cases are read-only.
   */
  async save(doc: CaseDocument): Promise<CaseDocument> {
    if (doc.imported !== undefined)
      throw new ReadOnlyCaseError('This case came from a bundle and is read-only.');
    const saved = caseDocumentSchema.parse(
      scrubSecretsDeep({ ...doc, updatedAt: this.clock().toISOString() }),
    );
    await writeFileAtomic(`${this.folderOf(saved.id)}/${CASE_FILE}`, JSON.stringify(saved, null, 2));
    return saved;
  }

  /**
   * Writes an evidence body (secrets scrubbed, streamed), then saves the case with the new
   * evidence item, so a crash leaves either no reference or a complete file behind it.
   */
  async attachEvidence(
    doc: CaseDocument,
    input: EvidenceInput,
    body: EvidenceBody,
  ): Promise<{ doc: CaseDocument; item: EvidenceItem }> {
    if (doc.imported !== undefined)
      throw new ReadOnlyCaseError('This case came from a bundle and is read-only.');
    const id = input.id ?? `ev-${randomUUID().slice(0, 8)}`;
    const fileName = `${id}.${extensionFor(input.contentType)}`;
    const source =
      typeof body === 'string' || body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body;
    const digest = await writeStreamAtomic(evidenceFilePath(this.folderOf(doc.id), fileName), source, [
      createTextRewriteStream(scrubSecrets),
    ]);
    const item = evidenceItemSchema.parse({
      id,
      step: input.step,
      kind: input.kind,
      source: input.source,
      capturedAt: input.capturedAt ?? this.clock().toISOString(),
      fileName,
      size: digest.size,
      sha256: digest.sha256,
      contentType: input.contentType,
    });
    const saved = await this.save({ ...doc, evidence: [...doc.evidence, item] });
    return { doc: saved, item };
  }

  /** Records evidence that could not be captured, with the reason in plain words. */
  async recordUnavailableEvidence(
    doc: CaseDocument,
    input: EvidenceInput,
    reason: string,
  ): Promise<{ doc: CaseDocument; item: EvidenceItem }> {
    const item = evidenceItemSchema.parse({
      id: input.id ?? `ev-${randomUUID().slice(0, 8)}`,
      step: input.step,
      kind: input.kind,
      source: input.source,
      capturedAt: input.capturedAt ?? this.clock().toISOString(),
      contentType: input.contentType,
      unavailableReason: scrubSecrets(reason),
    });
    const saved = await this.save({ ...doc, evidence: [...doc.evidence, item] });
    return { doc: saved, item };
  }

  /** Reads and validates one case document. */
  async load(caseId: string): Promise<CaseDocument> {
    const file = `${this.folderOf(caseId)}/${CASE_FILE}`;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) throw new AppError('NOT_FOUND', NO_SUCH_CASE);
      throw error;
    }
    return parseCaseJson(text, file);
  }

  /**
   * Removes what a crash can leave behind: `.import-*` and `.new-*` staging folders of imports
   * and new cases that never finished, and `*.partial` temp files of atomic writes in case and evidence folders. Only
   * leftovers older than `before` go, so a write that started after the sweep is never touched.
   */
  async sweepLeftovers(before: Date = this.clock()): Promise<number> {
    let removed = 0;
    const old = async (p: string) => (await stat(p).catch(() => null))?.mtime.getTime() ?? Infinity;
    const sweep = async (p: string) => {
      if ((await old(p)) >= before.getTime() + 1) return;
      await rm(p, { recursive: true, force: true });
      removed++;
    };
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    for (const name of names) {
      const entry = `${this.root}/${name}`;
      if (name.startsWith('.import-') || name.startsWith(NEW_CASE_PREFIX) || name.endsWith(TEMP_SUFFIX)) {
        await sweep(entry);
        continue;
      }
      for (const folder of [entry, `${entry}/${EVIDENCE_DIR}`]) {
        const inner = await readdir(folder).catch(() => [] as string[]);
        for (const file of inner) if (file.endsWith(TEMP_SUFFIX)) await sweep(`${folder}/${file}`);
      }
    }
    return removed;
  }

  /** Opens a saved case for review: works offline, needs no sign-in, cannot be changed. */
  async openReadOnly(caseId: string): Promise<ReadOnlyCase> {
    const doc = await this.load(caseId);
    const folder = this.folderOf(caseId);
    return {
      doc: deepFreeze(doc),
      folder,
      openEvidence: (item) => {
        if (item.fileName === undefined)
          throw new Error('This evidence could not be captured, so there is no file.');
        return createReadStream(evidenceFilePath(folder, item.fileName));
      },
    };
  }

  /** Every case in the library, newest first, plus folders that could not be read. */
  async list(): Promise<{ cases: CaseSummary[]; unreadable: UnreadableCase[] }> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { cases: [], unreadable: [] };
      throw error;
    }
    const cases: CaseSummary[] = [];
    const unreadable: UnreadableCase[] = [];
    for (const name of names) {
      // Staging folders of imports in progress and stray temp files are not cases.
      if (name.startsWith('.') || name.endsWith(TEMP_SUFFIX)) continue;
      const folder = `${this.root}/${name}`;
      if (!(await stat(folder)).isDirectory()) continue;
      try {
        cases.push(summarizeCase(await this.load(name)));
      } catch (error) {
        unreadable.push({ folder, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    cases.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return { cases, unreadable };
  }

  /** Library search by user, device, ticket, finding code, date or free text. */
  async search(query: CaseQuery): Promise<CaseSummary[]> {
    return (await this.list()).cases.filter((summary) => matchesQuery(summary, query));
  }

  /** Cases left open (not closed, not imported): what the app offers to resume on start. */
  async listResumable(): Promise<CaseSummary[]> {
    return (await this.list()).cases.filter((summary) => summary.incomplete);
  }

  /** Deletes a case folder with its evidence. */
  async delete(caseId: string): Promise<void> {
    try {
      await rm(this.folderOf(caseId), { recursive: true, force: false });
    } catch (error) {
      if (isMissing(error)) throw new AppError('NOT_FOUND', NO_SUCH_CASE);
      throw error;
    }
  }
}
