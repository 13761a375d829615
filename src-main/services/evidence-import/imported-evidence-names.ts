/**
 * How imported files are named in a case. Evidence ids are `mailbox-log-import-<n>` (device ids
 * are letters and digits only, so this never clashes with a fetched device log, and the id has no
 * underscore, which marks re-captures). The evidence's source label keeps the file's own name, its
 * SHA-256 and size; the analysis reads the name back so that file-name rules (the emailed log's
 * device, the collection script's expected overlap) apply exactly as on the command line.
 */
export const IMPORT_PREFIX = 'mailbox-log-import-';

export function importedEvidenceName(existing: Iterable<string>): string {
  let highest = 0;
  for (const name of existing) {
    const match = new RegExp(`^${IMPORT_PREFIX}(\\d+)$`).exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${IMPORT_PREFIX}${highest + 1}`;
}

export function importedSourceLabel(unitName: string, sha256: string, size: number): string {
  return `Imported file "${unitName}" · SHA-256 ${sha256} · ${size} bytes`;
}

/** The file name an imported evidence item was read from, or undefined for fetched evidence. */
export function importedFileName(sourceLabel: string | undefined): string | undefined {
  const match = /^Imported file "(.+)" · SHA-256 [0-9a-f]{64} · \d+ bytes$/.exec(sourceLabel ?? '');
  if (!match) return undefined;
  const name = match[1] as string;
  // Members of an archive are labelled "archive.zip › member.txt": the member's own name counts.
  return name.split(' › ').pop();
}

/** The name the log parser gets for a captured log: the operator's own file name for an import. */
export function logSourceName(doc: { evidence: ReadonlyArray<{ id: string; source: string }> }, name: string, evidenceId: string): string {
  return importedFileName(doc.evidence.find((e) => e.id === evidenceId)?.source) ?? `${name}.txt`;
}
