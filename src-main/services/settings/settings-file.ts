import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { appSettingsSchema, type AppSettings } from '../../shared/models/settings';
import { writeFileAtomic } from '../cases/atomic-file';

/** What a settings file holds; `version` lets a later app read an older file. */
const settingsFileSchema = z.object({ version: z.literal(1), settings: appSettingsSchema }).strict();

/** What reading the settings file found. A damaged file is reported, never silently overwritten. */
export type SettingsReadResult =
  { state: 'missing' } | { state: 'ok'; settings: AppSettings } | { state: 'unreadable'; reason: string };

/**
 * The settings as one JSON file in the data folder (settings.json). Written atomically (temp
 * file, fsync, rename), so a crash leaves the old or the new settings, never half of each. Only
 * the checked settings are written: the strict schema refuses any extra field, so nothing such
 * as a token can end up in this file.
 */
export class SettingsFile {
  readonly filePath: string;

  constructor(dataDir: string) {
    this.filePath = path.join(dataDir, 'settings.json');
  }

  async read(): Promise<SettingsReadResult> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { state: 'unreadable', reason: 'it is not valid JSON' };
    }
    const parsed = settingsFileSchema.safeParse(json);
    if (!parsed.success)
      return { state: 'unreadable', reason: 'it does not hold settings this version understands' };
    return { state: 'ok', settings: parsed.data.settings };
  }

  async write(settings: AppSettings): Promise<void> {
    const content = settingsFileSchema.parse({ version: 1, settings });
    await mkdir(path.dirname(this.filePath), { recursive: true });
    await writeFileAtomic(this.filePath, `${JSON.stringify(content, null, 2)}\n`);
  }
}
