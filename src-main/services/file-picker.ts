/** Why main asks the operator for a file; the runtime's dialog sets its title and filters from it. */
export type FilePickPurpose = 'powershell' | 'bundle';

/**
 * A native "open file" dialog shown by main, never by the renderer: whatever file main then
 * runs or reads is one the operator picked in the operating system's own dialog. The desktop
 * app passes Electron's dialog; the browser host and the CLI have none.
 */
export interface FilePicker {
  /** The chosen file's absolute path, or null when the operator cancelled. */
  pickFile(purpose: FilePickPurpose): Promise<string | null>;
}
