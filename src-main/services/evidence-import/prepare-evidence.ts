import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { LogAnalysisSession } from '../../domain/diagnosis/log-analysis-session';
import { NotAMailboxLogError } from '../../domain/mailbox-log/parser';
import { LogTextDecoder } from '../../domain/mailbox-log/text-decoder';
import { orderScriptFiles } from './analyze-evidence-files';
import { EvidenceInputError } from './evidence-errors';
import { evidenceUnits, type EvidenceSource } from './evidence-units';

/** One unit of evidence checked and ready to attach: mailbox-log text plus where it came from. */
export interface PreparedEvidence {
  /** The file the operator chose, and the member of an archive when it came from one. */
  originalName: string;
  unitName: string;
  /** SHA-256 and size of the file as the operator brought it (the archive, for its members). */
  sha256: string;
  size: number;
  kind: 'mailbox-log' | 'capture';
  /** Mailbox-log text: the log itself, or the capture's ActiveSync requests in the log layout. */
  text: string;
  entries: number;
}

/** A case holds its logs as text; one imported log may not exceed this many characters. */
const MAX_TEXT_CHARS = 256 * 1024 * 1024;

/**
 * Reads, converts and checks every file before anything is attached to a case: a file that is not
 * a mailbox log or a capture fails the whole import with a message naming it, so no case ever holds
 * half an import. Files of Microsoft's collection script come oldest first.
 */
export async function prepareEvidence(sources: readonly EvidenceSource[]): Promise<PreparedEvidence[]> {
  if (sources.length === 0) throw new EvidenceInputError('No file was chosen.', '');
  const prepared: PreparedEvidence[] = [];
  for (const source of orderScriptFiles(sources)) {
    const { sha256, size } = await fingerprint(source);
    for await (const unit of evidenceUnits(source)) {
      const text = unit.kind === 'capture' ? unit.text : await readText(unit.name, unit.chunks());
      prepared.push({ originalName: source.name, unitName: unit.name, sha256, size, kind: unit.kind, text, entries: countEntries(unit.name, text) });
    }
  }
  return prepared;
}

/** Parses the text once on its own: a file that is not a mailbox log is refused here, by name. */
function countEntries(name: string, text: string): number {
  const check = new LogAnalysisSession();
  try {
    check.addText(name, text);
  } catch (error) {
    if (error instanceof NotAMailboxLogError) throw new EvidenceInputError(error.message, name);
    throw error;
  }
  return check.timelines().reduce((n, t) => n + t.entries.length, 0);
}

async function readText(name: string, chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new LogTextDecoder();
  const parts: string[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    const text = decoder.push(chunk);
    length += text.length;
    if (length > MAX_TEXT_CHARS) throw new EvidenceInputError(`"${name}" is larger than ${MAX_TEXT_CHARS / 1024 / 1024} million characters; analyse it with the command line (analyze-log) instead.`, name);
    parts.push(text);
  }
  parts.push(decoder.end());
  return parts.join('');
}

async function fingerprint(source: EvidenceSource): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  if (source.bytes !== undefined) {
    hash.update(source.bytes);
    size = source.bytes.length;
  } else {
    try {
      for await (const chunk of createReadStream(source.path as string)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new EvidenceInputError(code === 'ENOENT' ? `File not found: ${source.name}` : `Cannot read "${source.name}": ${code ?? String(error)}.`, source.name);
    }
  }
  return { sha256: hash.digest('hex'), size };
}
