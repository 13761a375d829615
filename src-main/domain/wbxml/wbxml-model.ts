/** A decoded WBXML document: the header fields and the element tree. */
export interface WbxmlDocument {
  /** WBXML version byte: 0x03 is 1.3, what EAS sends. */
  readonly version: number;
  readonly publicId: number;
  /** IANA MIBenum of the string encoding: 106 is UTF-8. */
  readonly charset: number;
  readonly root: WbxmlElement;
}

export interface WbxmlElement {
  readonly kind: 'element';
  readonly page: number;
  readonly token: number;
  readonly name: string;
  /** The code page's namespace without the colon (`AirSync`, `FolderHierarchy`…). */
  readonly namespace: string;
  readonly children: WbxmlNode[];
}

export interface WbxmlText {
  readonly kind: 'text';
  readonly text: string;
}

/** OPAQUE data: binary fields (ConversationId, MIME…), kept as bytes. */
export interface WbxmlOpaque {
  readonly kind: 'opaque';
  readonly bytes: Uint8Array;
}

export type WbxmlNode = WbxmlElement | WbxmlText | WbxmlOpaque;

/** The input is not valid WBXML; `offset` is the byte where reading stopped. */
export class WbxmlError extends Error {
  override name = 'WbxmlError';
  constructor(message: string, readonly offset: number) {
    super(`${message} (at byte ${offset})`);
  }
}
