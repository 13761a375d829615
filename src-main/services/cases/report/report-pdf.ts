import type { CaseDocument } from '../../../shared/models/case';
import { writeFileAtomic } from '../atomic-file';
import { renderCaseReport, type ReportOptions } from './case-report-html';

/**
 * Port to whatever can turn HTML into a PDF. In the desktop app an Electron adapter loads the
 * HTML into an offscreen window and calls webContents.printToPDF; nothing here imports Electron.
 */
export interface PdfPrinter {
  printToPdf(html: string): Promise<Uint8Array>;
}

/** Renders the case report and writes it as a PDF through the printer port. */
export async function writeCaseReportPdf(
  doc: CaseDocument,
  options: ReportOptions,
  printer: PdfPrinter,
  outPath: string,
): Promise<void> {
  const pdf = await printer.printToPdf(renderCaseReport(doc, options));
  if (pdf.length < 5 || Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    throw new Error('The PDF printer returned something that is not a PDF.');
  }
  await writeFileAtomic(outPath, pdf);
}
