import { decodeWbxml } from './decode-wbxml';
import { looksMultipart, splitMultipart } from './multipart';
import type { WbxmlDocument } from './wbxml-model';
import { wbxmlToXml } from './wbxml-to-xml';

/** A decoded EAS body: the XML, the document, and the extra parts of a multipart response. */
export interface DecodedEasBody {
  document: WbxmlDocument;
  xml: string;
  /** Byte sizes of the binary parts after the first (multipart responses only). */
  extraParts: number[];
}

/** Decodes a WBXML or multipart EAS body (the first part of a multipart response is the WBXML). */
export function decodeEasBody(bytes: Uint8Array, options: { indent?: number } = {}): DecodedEasBody {
  if (looksMultipart(bytes)) {
    const [first, ...rest] = splitMultipart(bytes);
    const document = decodeWbxml(first ?? new Uint8Array(0));
    return { document, xml: wbxmlToXml(document, options), extraParts: rest.map((p) => p.length) };
  }
  const document = decodeWbxml(bytes);
  return { document, xml: wbxmlToXml(document, options), extraParts: [] };
}
