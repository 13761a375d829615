import type * as Electron from 'electron';
import { EVIDENCE_FILE_FILTERS, type EvidenceFilePicker } from '../../services/evidence-import/evidence-picker';

/**
 * The native open dialog for evidence files, shown by the main process over the app window. The
 * paths it returns go straight to the evidence readers; the renderer only asks for the dialog and
 * never sends a path of its own.
 */
export function createEvidenceFileDialog(
  dialog: Pick<Electron.Dialog, 'showOpenDialog'>,
  parentWindow: () => Electron.BrowserWindow | null,
): EvidenceFilePicker {
  return {
    async pickFiles() {
      const options: Electron.OpenDialogOptions = {
        title: 'Add mailbox logs or device captures',
        properties: ['openFile', 'multiSelections'],
        filters: EVIDENCE_FILE_FILTERS,
      };
      const parent = parentWindow();
      const result = parent === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(parent, options);
      return result.canceled ? undefined : result.filePaths;
    },
  };
}
