import type { BrowserWindow as BrowserWindowClass, BrowserWindowConstructorOptions } from 'electron';
import type { PdfPrinter } from '../../services/cases/report/report-pdf';

type WindowFactory = new (options: BrowserWindowConstructorOptions) => Pick<BrowserWindowClass, 'loadURL' | 'destroy' | 'webContents'>;

/**
 * Prints the self-contained case report to PDF in a hidden window that can run no script at all
 * (the report has none; JavaScript is off anyway), then throws the window away.
 */
export function createElectronPdfPrinter(BrowserWindow: WindowFactory): PdfPrinter {
  return {
    async printToPdf(html) {
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          images: true,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      try {
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      } finally {
        window.destroy();
      }
    },
  };
}
