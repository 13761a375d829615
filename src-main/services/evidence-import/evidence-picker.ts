/**
 * Lets the operator choose evidence files. The desktop app implements it with Electron's native
 * open dialog in the main process (src-main/electron/adapters/evidence-file-dialog.ts), so a path
 * never comes from the renderer; the browser host has none and takes uploads instead.
 */
export interface EvidenceFilePicker {
  /** The chosen files' paths, or undefined when the operator cancelled. */
  pickFiles(): Promise<string[] | undefined>;
}

/** File types offered by the dialog; the readers look at the bytes, not only the extension. */
export const EVIDENCE_FILE_FILTERS = [
  { name: 'Mailbox logs and device captures', extensions: ['txt', 'log', 'gz', 'zip', 'har', 'saz'] },
  { name: 'All files', extensions: ['*'] },
];
