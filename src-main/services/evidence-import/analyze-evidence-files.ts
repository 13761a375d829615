import type { MailboxLogAnalysis } from '../../domain/diagnosis/analyze-mailbox-log';
import { LogAnalysisSession } from '../../domain/diagnosis/log-analysis-session';
import { parseScriptLogFileName } from '../../domain/mailbox-log/file-name';
import { nodeAsciiText } from './ascii-text';
import { evidenceUnits, type EvidenceSource } from './evidence-units';

/**
 * Analyses evidence files together: mailbox logs (.txt in any encoding, emailed .gz, the collection
 * script's files, .zip of those) stream into the parser a chunk at a time; captures (.har, .saz)
 * arrive as mailbox-log text. Everything lands in one session, so the same patterns apply to all.
 */
export async function analyzeEvidenceFiles(sources: readonly EvidenceSource[]): Promise<{ analysis: MailboxLogAnalysis; session: LogAnalysisSession }> {
  const session = new LogAnalysisSession({ asciiText: nodeAsciiText });
  for (const source of orderScriptFiles(sources)) {
    for await (const unit of evidenceUnits(source)) {
      if (unit.kind === 'capture') {
        session.addText(unit.name, unit.text);
        continue;
      }
      const parser = session.parserFor(unit.name);
      for await (const chunk of unit.chunks()) parser.push(chunk);
      parser.end();
    }
  }
  return { analysis: session.finish(), session };
}

/** Files of Microsoft's collection script are read oldest first (by their ticks), so overlap is trimmed from the newer one. */
export function orderScriptFiles<T extends { name: string }>(sources: readonly T[]): T[] {
  const ticks = (s: T) => parseScriptLogFileName(s.name)?.ticks;
  return [...sources].sort((a, b) => {
    const ta = ticks(a);
    const tb = ticks(b);
    if (ta === undefined || tb === undefined) return 0;
    return ta.length - tb.length || (ta < tb ? -1 : ta > tb ? 1 : 0);
  });
}
