import type { FilePicker, FilePickPurpose } from '../../services/file-picker';

/** The part of Electron's `dialog` module the picker uses. */
export interface DialogLike {
  showOpenDialog(options: {
    title: string;
    properties: Array<'openFile'>;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

const DIALOGS: Record<FilePickPurpose, { title: string; filters: Array<{ name: string; extensions: string[] }> }> = {
  powershell: {
    title: 'Choose PowerShell (pwsh)',
    filters: process.platform === 'win32' ? [{ name: 'PowerShell', extensions: ['exe'] }] : [{ name: 'All files', extensions: ['*'] }],
  },
  bundle: { title: 'Open a case bundle', filters: [{ name: 'Case bundles', extensions: ['zip'] }] },
};

/**
 * Main's own native "open file" dialog: the only way a path the operator chose reaches the
 * services in the desktop app (the renderer never sends one).
 */
export function createFileDialogPicker(dialog: DialogLike): FilePicker {
  return {
    pickFile: async (purpose) => {
      const { title, filters } = DIALOGS[purpose];
      const result = await dialog.showOpenDialog({ title, properties: ['openFile'], filters });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
