import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Working folders of one CLI run. They hold whole cases (unredacted evidence), so they go when the
 * command ends: when the caller is done, when the process exits for any reason, and on Ctrl-C.
 */
const folders = new Set<string>();
let hooked = false;

export function makeTempFolder(prefix: string): string {
  hook();
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  folders.add(folder);
  return folder;
}

export function removeTempFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  folders.delete(folder);
}

function removeAll(): void {
  for (const folder of [...folders]) {
    try {
      removeTempFolder(folder);
    } catch {
      // Exiting anyway: a folder the system will not let go of must not hide the real exit code.
    }
  }
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      removeAll();
      // The shell's convention for "ended by a signal": 128 + its number.
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const)[signal]);
    });
  }
}
