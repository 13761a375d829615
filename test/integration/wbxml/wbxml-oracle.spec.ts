import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_PAGES, OPAQUE_TAGS } from '../../../src-main/domain/wbxml/code-pages';
import { decodeWbxml } from '../../../src-main/domain/wbxml/decode-wbxml';
import { encodeWbxml, type XmlElementInput } from '../../../src-main/domain/wbxml/encode-wbxml';
import { LIBWBXML_OUTPUT_DIFFERENCES, opaqueAsCdataText, wbxmlToXml } from '../../../src-main/domain/wbxml/wbxml-to-xml';
import { oracleXml, renamesArePageIndependent } from '../../support/wbxml-oracle';

const SAMPLES = path.resolve(__dirname, '../../fixtures/wbxml');
const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.wbxml')).sort();

describe('WBXML decoder against wbxml2xml -l ACTIVESYNC (libwbxml, Debian)', () => {
  it('has all eleven reference samples to compare', () => {
    expect(samples).toHaveLength(11);
  });

  it.each(samples)('decodes %s to the same XML as the oracle, indented and compact', (name) => {
    const bytes = readFileSync(path.join(SAMPLES, name));
    const document = decodeWbxml(bytes);
    expect(wbxmlToXml(document)).toBe(oracleXml(bytes));
    expect(wbxmlToXml(document, { indent: 0 })).toBe(oracleXml(bytes, 0));
  });

  it('re-encodes every sample byte for byte (the encoder used for the generated corpus is faithful)', () => {
    for (const name of samples) {
      const bytes = readFileSync(path.join(SAMPLES, name));
      expect(Buffer.from(encodeWbxml(decodeWbxml(bytes).root)).toString('hex'), name).toBe(bytes.toString('hex'));
    }
  });

  it.each(readdirSync(SAMPLES).filter((f) => f.endsWith('.xml')).sort())('round trip: %s encoded by xml2wbxml decodes to the oracle’s XML', (name) => {
    const encoded = spawnSync('xml2wbxml', ['-a', '-n', '-v', '1.3', '-o', '-', path.join(SAMPLES, name)]);
    expect(encoded.status, String(encoded.stderr)).toBe(0);
    const bytes = new Uint8Array(encoded.stdout);
    expect(Buffer.from(bytes).equals(readFileSync(path.join(SAMPLES, name.replace(/\.xml$/, '.wbxml'))))).toBe(true);
    expect(wbxmlToXml(decodeWbxml(bytes))).toBe(oracleXml(bytes));
  });

  it('renames only libwbxml names that no page keeps', () => {
    expect(renamesArePageIndependent()).toBe(true);
  });

  it('matches the oracle on generated EAS documents from every code page 0–24', () => {
    fc.assert(
      fc.property(documentArbitrary(), (root) => {
        const bytes = encodeWbxml(root);
        expect(wbxmlToXml(decodeWbxml(bytes))).toBe(oracleXml(bytes));
      }),
      // A fixed seed keeps CI repeatable; WBXML_CORPUS_SEED explores other corpora by hand.
      { numRuns: 250, seed: Number(process.env.WBXML_CORPUS_SEED ?? 20261204) },
    );
  });

  it('differs from the oracle only where libwbxml copies non-text OPAQUE bytes into CDATA (base64 instead)', () => {
    expect(LIBWBXML_OUTPUT_DIFFERENCES).toContain('opaque-non-text-in-cdata');
    const dataUnderAdd = (opaque: Uint8Array): XmlElementInput => ({ namespace: 'AirSync', name: 'Add', children: [{ namespace: 'AirSync', name: 'Sync', children: [{ namespace: 'GAL', name: 'Data', opaque }] }] });
    // Text is written as libwbxml writes it.
    for (const text of [' ', 'a b', 'é日\tx', '\uFEFFbom']) {
      const bytes = encodeWbxml(dataUnderAdd(new TextEncoder().encode(text)));
      expect(wbxmlToXml(decodeWbxml(bytes))).toBe(oracleXml(bytes));
    }
    // Not text: libwbxml's raw copy is not well-formed XML; ours is base64 and loses nothing.
    for (const [raw, base64] of [[[0], 'AA=='], [[0x41, 0x0b, 0x42], 'QQtC'], [[0xff, 0xfe], '//4='], [[0x78, 0x5d, 0x5d, 0x3e], 'eF1dPg==']] as const) {
      const bytes = encodeWbxml(dataUnderAdd(Uint8Array.from(raw)));
      const ours = wbxmlToXml(decodeWbxml(bytes));
      expect(ours).toContain(`<Data xmlns="GAL:"><![CDATA[${base64}]]></Data>`);
      expect(ours).not.toBe(oracleXml(bytes));
    }
  });

  it('the generated corpus reaches every code page 0–24', () => {
    const pages = new Set<number>();
    fc.sample(documentArbitrary(), 300).forEach((root) => collectPages(root, pages));
    expect([...pages].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});

interface Tag {
  page: number;
  token: number;
  namespace: string;
  name: string;
}

/** Every named tag of pages 0–24 (page 25, Find, is unknown to libwbxml 0.11.8). */
const TAGS: Tag[] = CODE_PAGES.slice(0, 25).flatMap((page, index) => page.tags.flatMap((name, i) => (name === '' ? [] : [{ page: index, token: i + 5, namespace: page.namespace, name }])));

/** Text as EAS carries it, plus the characters XML must escape, non-ASCII and inner whitespace. */
const textArbitrary = fc.stringMatching(/^[A-Za-z0-9 &<>'"\t\né€日本:;=/._-]{1,24}$/);

function leaf(): fc.Arbitrary<XmlElementInput> {
  return fc.tuple(fc.constantFrom(...TAGS), fc.oneof(textArbitrary, fc.constant(''), fc.uint8Array({ minLength: 1, maxLength: 24 }))).map(([tag, content]) => {
    const element: XmlElementInput = { namespace: tag.namespace, name: tag.name };
    const binary = OPAQUE_TAGS.has(tag.page * 64 + tag.token);
    // The binary tags carry OPAQUE data by definition (libwbxml would base64 even inline text there;
    // we show inline text as text, so generated documents keep to the specification's typing).
    if (binary) element.opaque = typeof content === 'string' ? new TextEncoder().encode(content || 'x') : content;
    else if (typeof content === 'string') element.text = content;
    // OPAQUE outside the binary tags: libwbxml prints the raw bytes, so only UTF-8 text compares.
    else element.opaque = new TextEncoder().encode(Array.from(content, (b) => String.fromCharCode(0x21 + (b % 90)).replace(/[<>&'"]/, 'x')).join(''));
    return element;
  });
}

function documentArbitrary(): fc.Arbitrary<XmlElementInput> {
  const { tree } = fc.letrec<{ tree: XmlElementInput }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf(),
      fc.tuple(fc.constantFrom(...TAGS), fc.array(tie('tree'), { minLength: 1, maxLength: 4 })).map(([tag, children]) => ({ namespace: tag.namespace, name: tag.name, children })),
    ),
  }));
  return fc.tuple(fc.constantFrom(...TAGS), fc.array(tree, { minLength: 1, maxLength: 5 })).map(([tag, children]) => withoutKnownDifferences({ namespace: tag.namespace, name: tag.name, children }));
}

/**
 * Keeps the corpus to what the oracle can be compared on: OPAQUE bytes that are not text, in a
 * Data element under Add, are a known difference (LIBWBXML_OUTPUT_DIFFERENCES: libwbxml copies them
 * raw into CDATA, we write base64), so such data is replaced by text there.
 */
function withoutKnownDifferences(element: XmlElementInput, parent?: XmlElementInput, grandparent?: XmlElementInput): XmlElementInput {
  const inCdata = element.name === 'Data' && grandparent?.name === 'Add';
  const opaque = inCdata && element.opaque !== undefined && opaqueAsCdataText(element.opaque) === undefined ? new TextEncoder().encode(Array.from(element.opaque, (b) => String.fromCharCode(0x21 + (b % 90)).replace(/[<>&'"\]]/, 'x')).join('')) : element.opaque;
  return { ...element, ...(opaque === undefined ? {} : { opaque }), ...(element.children === undefined ? {} : { children: element.children.map((c) => withoutKnownDifferences(c, element, parent)) }) };
}

function collectPages(element: XmlElementInput, pages: Set<number>): void {
  const tag = TAGS.find((t) => t.namespace === element.namespace && t.name === element.name);
  if (tag !== undefined) pages.add(tag.page);
  for (const child of element.children ?? []) collectPages(child, pages);
}
