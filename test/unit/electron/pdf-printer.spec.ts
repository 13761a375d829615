import { describe, expect, it } from 'vitest';
import { createElectronPdfPrinter } from '../../../src-main/electron/adapters/pdf-printer';

describe('Electron PDF printer adapter', () => {
  it('prints the report in a hidden, script-less, sandboxed window and always destroys it', async () => {
    const made: Array<{ options: Record<string, unknown>; url?: string; destroyed: boolean }> = [];
    class FakeWindow {
      record = { options: {} as Record<string, unknown>, url: undefined as string | undefined, destroyed: false };
      constructor(options: Record<string, unknown>) {
        this.record.options = options;
        made.push(this.record);
      }
      loadURL(url: string) {
        this.record.url = url;
        return Promise.resolve();
      }
      destroy() {
        this.record.destroyed = true;
      }
      webContents = { printToPDF: async () => Buffer.from('%PDF-1.7 fake') };
    }
    const printer = createElectronPdfPrinter(FakeWindow as never);
    const pdf = await printer.printToPdf('<html><body><h1>Case report</h1></body></html>');
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/^%PDF-/);
    expect(made).toHaveLength(1);
    expect(made[0]!.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(decodeURIComponent(made[0]!.url!.replace('data:text/html;charset=utf-8,', ''))).toContain('<h1>Case report</h1>');
    expect(made[0]!.destroyed).toBe(true);
  });

  it('destroys the window when printing fails', async () => {
    let destroyed = false;
    class FailingWindow {
      loadURL() {
        return Promise.resolve();
      }
      destroy() {
        destroyed = true;
      }
      webContents = { printToPDF: async () => Promise.reject(new Error('printer jammed')) };
    }
    await expect(createElectronPdfPrinter(FailingWindow as never).printToPdf('<p>x</p>')).rejects.toThrow('printer jammed');
    expect(destroyed).toBe(true);
  });
});
