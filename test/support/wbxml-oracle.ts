import { spawnSync } from 'node:child_process';
import { CODE_PAGES, LIBWBXML_NAME_DIFFERENCES } from '../../src-main/domain/wbxml/code-pages';

/**
 * Debian's `wbxml2xml -l ACTIVESYNC` (package libwbxml2-utils, installed by scripts/setup/system.sh)
 * is the decoder's test oracle. Returns its XML for the bytes, with the tag names where libwbxml
 * departs from MS-ASWBXML turned into the specification's names (LIBWBXML_NAME_DIFFERENCES).
 */
export function oracleXml(bytes: Uint8Array, indent = 2): string {
  const run = spawnSync('wbxml2xml', ['-l', 'ACTIVESYNC', '-m', indent > 0 ? '1' : '0', '-i', String(indent), '-o', '-', '-'], { input: bytes, encoding: 'utf8' });
  if (run.error !== undefined) throw new Error(`wbxml2xml is not installed (run scripts/setup/system.sh): ${run.error.message}`);
  if (run.status !== 0) throw new Error(`wbxml2xml failed (${run.status}): ${run.stderr}`);
  return toSpecNames(run.stdout);
}

export function oracleAvailable(): boolean {
  return spawnSync('wbxml2xml', ['-h']).error === undefined;
}

const renames = new Map<string, string>();
for (const [page, , from, to] of LIBWBXML_NAME_DIFFERENCES) if (page !== 16 || from !== 'Gal') renames.set(from, to);

function toSpecNames(xml: string): string {
  return xml
    .replace(/<(\/?)([A-Za-z_][\w-]*)/g, (all, slash: string, name: string) => {
      const to = renames.get(name);
      return to === undefined ? all : `<${slash}${to}`;
    })
    .replace(/xmlns="Gal:"/g, 'xmlns="GAL:"');
}

/** Every libwbxml name we rename must be renamed on every page it appears on, or the global map above would be wrong. */
export function renamesArePageIndependent(): boolean {
  return CODE_PAGES.every((page) => page.tags.every((name) => !renames.has(name)));
}
