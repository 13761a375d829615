import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { devicesAuditEntrySchema, type DevicesAuditEntry } from '../../shared/models/devices';

/**
 * The Devices area's audit trail: one JSON line per decision, appended (never rewritten) in the
 * app's data folder, beside the cases. Holds who, what, which device and the command text, never
 * a token.
 */
export class DevicesAudit {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'devices-audit.jsonl');
  }

  async append(entries: readonly DevicesAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, entries.map((e) => `${JSON.stringify(devicesAuditEntrySchema.parse(e))}\n`).join(''), 'utf8');
  }

  /** Newest first. A damaged line is skipped rather than hiding the rest. */
  async list(limit = 200): Promise<DevicesAuditEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    const entries: DevicesAuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed = devicesAuditEntrySchema.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
      } catch {
        // skip a damaged line
      }
    }
    return entries.reverse().slice(0, limit);
  }
}
