import { describe, expect, it } from 'vitest';
import { CODE_PAGES } from '../../../../src-main/domain/wbxml/code-pages';
import { decodeEasBody } from '../../../../src-main/domain/wbxml/decode-eas-body';
import { decodeWbxml } from '../../../../src-main/domain/wbxml/decode-wbxml';
import { encodeWbxml } from '../../../../src-main/domain/wbxml/encode-wbxml';
import { splitMultipart } from '../../../../src-main/domain/wbxml/multipart';
import { WbxmlError } from '../../../../src-main/domain/wbxml/wbxml-model';
import { wbxmlToXml } from '../../../../src-main/domain/wbxml/wbxml-to-xml';

const bytes = (...b: number[]) => Uint8Array.from(b);
const body = (xml: string) => xml.split('\n').slice(2).join('\n');

describe('decodeWbxml', () => {
  it('decodes the MS-ASWBXML FolderSync example', () => {
    const doc = decodeWbxml(bytes(0x03, 0x01, 0x6a, 0x00, 0x00, 0x07, 0x56, 0x52, 0x03, 0x30, 0x00, 0x01, 0x01));
    expect(body(wbxmlToXml(doc))).toBe('<FolderSync xmlns="FolderHierarchy:">\n  <SyncKey>0</SyncKey>\n</FolderSync>\n');
  });

  it('keeps the code page across siblings until the next SWITCH_PAGE', () => {
    // Sync > [AirSyncBase:BodyPreference > Type "2"], then Type again without a switch: still AirSyncBase.
    const doc = decodeWbxml(bytes(0x03, 0x01, 0x6a, 0x00, 0x45, 0x00, 0x11, 0x45, 0x46, 0x03, 0x32, 0x00, 0x01, 0x01, 0x46, 0x03, 0x31, 0x00, 0x01, 0x01));
    const [pref, type] = doc.root.children as { name: string; namespace: string }[];
    expect(pref).toMatchObject({ name: 'BodyPreference', namespace: 'AirSyncBase' });
    expect(type).toMatchObject({ name: 'Type', namespace: 'AirSyncBase' });
  });

  it('reads string-table references (STR_T) and entities', () => {
    // string table "abc\0", root AirSync:Sync with STR_T 0 and ENTITY 0x41.
    const doc = decodeWbxml(bytes(0x03, 0x01, 0x6a, 0x04, 0x61, 0x62, 0x63, 0x00, 0x45, 0x83, 0x00, 0x02, 0x41, 0x01));
    expect(body(wbxmlToXml(doc))).toBe('<Sync xmlns="AirSync:">abcA</Sync>\n');
  });

  it('decodes the Find page (25), which libwbxml 0.11.8 does not know', () => {
    const doc = decodeWbxml(encodeWbxml({ namespace: 'Find', name: 'Find', children: [{ namespace: 'Find', name: 'Status', text: '1' }] }));
    expect(body(wbxmlToXml(doc))).toBe('<Find xmlns="Find:">\n  <Status>1</Status>\n</Find>\n');
  });

  it('renders OPAQUE data as base64 in binary tags and as text elsewhere when it is UTF-8', () => {
    const doc = decodeWbxml(encodeWbxml({ namespace: 'AirSync', name: 'Sync', children: [
      { namespace: 'Email2', name: 'ConversationId', opaque: bytes(0xde, 0xad, 0xbe, 0xef) },
      { namespace: 'AirSync', name: 'SyncKey', opaque: new TextEncoder().encode('123') },
      { namespace: 'AirSync', name: 'ServerId', opaque: bytes(0xff, 0xfe) },
    ] }));
    expect(body(wbxmlToXml(doc))).toContain('<ConversationId xmlns="Email2:">3q2+7w==</ConversationId>');
    expect(body(wbxmlToXml(doc))).toContain('<SyncKey>123</SyncKey>');
    expect(body(wbxmlToXml(doc))).toContain('<ServerId>//4=</ServerId>');
  });

  it('names unknown tokens instead of failing', () => {
    const doc = decodeWbxml(bytes(0x03, 0x01, 0x6a, 0x00, 0x00, 0x03, 0x3f, 0x01));
    expect(doc.root.name).toBe('Unknown_3_0x3F');
  });

  it.each([
    ['an empty input', bytes()],
    ['a header only', bytes(0x03, 0x01, 0x6a, 0x00)],
    ['a document that stops inside an element', bytes(0x03, 0x01, 0x6a, 0x00, 0x45, 0x4b, 0x03, 0x31, 0x00)],
    ['an inline string without its NUL', bytes(0x03, 0x01, 0x6a, 0x00, 0x45, 0x03, 0x31)],
    ['OPAQUE longer than the document', bytes(0x03, 0x01, 0x6a, 0x00, 0x45, 0xc3, 0x10, 0x01, 0x01)],
    ['a string-table reference outside the table', bytes(0x03, 0x01, 0x6a, 0x00, 0x45, 0x83, 0x05, 0x01)],
    ['plain text', new TextEncoder().encode('<Sync/>')],
  ])('rejects %s with a WbxmlError', (_label, input) => {
    expect(() => decodeWbxml(input)).toThrow(WbxmlError);
  });

  it('decodes a deeply nested document without overflowing the stack', () => {
    const depth = 50_000;
    const input = new Uint8Array(4 + depth * 2);
    input.set([0x03, 0x01, 0x6a, 0x00]);
    for (let i = 0; i < depth; i++) {
      input[4 + i] = 0x5c; // Collections (with content)
      input[4 + depth + i] = 0x01;
    }
    expect(wbxmlToXml(decodeWbxml(input), { indent: 0 }).length).toBeGreaterThan(depth * 20);
  });

  it('has the namespace names the mailbox log uses for every page 0–25', () => {
    expect(CODE_PAGES.map((p) => p.namespace)).toEqual(['AirSync', 'Contacts', 'Email', 'AirNotify', 'Calendar', 'Move', 'GetItemEstimate', 'FolderHierarchy', 'MeetingResponse', 'Tasks', 'ResolveRecipients', 'ValidateCert', 'Contacts2', 'Ping', 'Provision', 'Search', 'GAL', 'AirSyncBase', 'Settings', 'DocumentLibrary', 'ItemOperations', 'ComposeMail', 'Email2', 'Notes', 'RightsManagement', 'Find']);
  });
});

describe('multipart responses', () => {
  function multipart(...parts: Uint8Array[]): Uint8Array {
    const header = 4 + parts.length * 8;
    const out = new Uint8Array(header + parts.reduce((n, p) => n + p.length, 0));
    const view = new DataView(out.buffer);
    view.setInt32(0, parts.length, true);
    let offset = header;
    parts.forEach((p, i) => {
      view.setInt32(4 + i * 8, offset, true);
      view.setInt32(8 + i * 8, p.length, true);
      out.set(p, offset);
      offset += p.length;
    });
    return out;
  }

  it('decodes the first part as WBXML and reports the binary parts', () => {
    const wbxml = encodeWbxml({ namespace: 'ItemOperations', name: 'ItemOperations', children: [{ namespace: 'ItemOperations', name: 'Status', text: '1' }] });
    const decoded = decodeEasBody(multipart(wbxml, new Uint8Array(300), new Uint8Array(7)));
    expect(decoded.document.root.name).toBe('ItemOperations');
    expect(decoded.extraParts).toEqual([300, 7]);
  });

  it('rejects a part that lies outside the response', () => {
    const bad = multipart(bytes(1, 2, 3));
    new DataView(bad.buffer).setInt32(8, 99, true);
    expect(() => splitMultipart(bad)).toThrow(WbxmlError);
  });
});
