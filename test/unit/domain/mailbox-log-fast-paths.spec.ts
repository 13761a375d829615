import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanBody } from '../../../src-main/domain/mailbox-log/body-scanner';
import { parseRequestHeader, parseResponseHeader } from '../../../src-main/domain/mailbox-log/request-line';
import { readSections, readSectionsInto, Sections } from '../../../src-main/domain/mailbox-log/section-reader';
import { referenceScanBody } from './support/reference/body-scanner';
import { referenceParseRequestHeader, referenceParseResponseHeader } from './support/reference/request-line';
import { referenceReadSections } from './support/reference/section-reader';

/**
 * The mailbox-log parser's hot paths were rewritten by hand for speed (issue 14). Each is held
 * here to the implementation it replaced (kept under support/reference) on generated input, so
 * the analysis of any log stays exactly what it was.
 */
const NAMES = ['Sync', 'Collections', 'Collection', 'SyncKey', 'CollectionId', 'Status', 'Responses', 'Response', 'Commands', 'Change', 'Add', 'Fetch', 'ServerId', 'ClientId', 'Provision', 'Policies', 'Policy', 'PolicyKey', 'RemoteWipe', 'AccountOnlyRemoteWipe', 'DeviceInformation', 'Set', 'Model', 'OS', 'FriendlyName', 'HeartbeatInterval', 'Ping', 'FolderSync', 'Body', 'x:y', '_a.b-c', 'a1'];
const soupToken = fc.oneof(
  fc.constantFrom('<', '>', '/', '</', '/>', '<?xml version="1.0" ?>', ' ', '\r\n', '\t', '=', '"', '&amp;', '&lt;', '&bogus;', '1', '12', '007', 'abc', 'é', '-', ':', '.', '_', '<Body=2817 bytes/>', ' bytes="22"', ' xmlns="AirSync:"'),
  fc.constantFrom(...NAMES),
  fc.constantFrom(...NAMES).map((n) => `<${n}>`),
  fc.constantFrom(...NAMES).map((n) => `</${n}>`),
  fc.constantFrom(...NAMES).map((n) => `<${n}/>`),
);
const soup = fc.array(soupToken, { maxLength: 60 }).map((t) => t.join(''));

interface Node {
  name: string;
  text?: string;
  children?: Node[];
}
const leafText = fc.oneof(fc.constantFrom('1', '3', '0', '12', ' 7 ', '5:12', 'x&amp;y', '', '999999999', '1234567890'), fc.string({ maxLength: 6 }));
const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.record({ name: fc.constantFrom(...NAMES), text: leafText }),
    fc.record({ name: fc.constantFrom(...NAMES), children: fc.array(tie('node'), { maxLength: 4 }) }),
  ),
})).node;
const xml = (n: Node): string => (n.children !== undefined ? `<${n.name}>${n.children.map(xml).join('\r\n\t')}</${n.name}>` : `<${n.name}>${n.text}</${n.name}>`);
/** Well-formed bodies, some cut off at a random point (as truncated log entries are). */
const bodies = fc.tuple(tree, fc.nat(), fc.boolean()).map(([t, cut, whole]) => {
  const text = xml(t);
  return whole ? text : text.slice(0, cut % (text.length + 1));
});

const SECTION_NAMES = ['RequestTime', 'ResponseTime', 'RequestHeader', 'ResponseBody', 'RequestBody', 'AccessState', 'WasPending', 'SyncCommand_OnExecute_Exception', 'IRM_FailureCode', 'Custom', 'X', 'a1', 'Ab_9', '_x', '1a', 'Log Entry'];
const keyLine = fc.tuple(fc.constantFrom(...SECTION_NAMES), fc.constantFrom(' :', ' : ', ':', ' :\t', ' :  ', '  :', ' :\r', ' :: ', ' : x')).map(([n, k]) => `${n}${k}`);
const otherLine = fc.constantFrom('', ' ', '\t', '\r', '03/01/2026 00:00:00', 'HTTP/1.1 200 OK', 'User-Agent: Apple-iPhone', '<Sync xmlns="AirSync:">', 'a : b', ' :', 'x :', 'Name :y', 'é :');
const line = fc.oneof({ weight: 2, arbitrary: keyLine }, { weight: 3, arbitrary: otherLine });
const entryText = fc.tuple(fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r\r\n')), { maxLength: 14 }), line).map(([lines, last]) => lines.map(([l, end]) => l + end).join('') + last);

/**
 * Entries read one after another into one table, as the parser does: the table guesses each key
 * from the order of the entries before. Mostly Exchange's order, sometimes broken, with lines that
 * end in a known name without being it (a longer name, a name after other text).
 */
const USUAL_ORDER = ['RequestTime', 'ServerName', 'AssemblyVersion', 'Identifier', 'RequestHeader', 'RequestBody', 'AccessState', 'AccessStateReason', 'ResponseHeader', 'ResponseBody', 'ResponseTime'];
const lookalike = fc.constantFrom(...USUAL_ORDER).chain((n) => fc.constantFrom(`X${n}`, `a ${n}`, `\t${n}`, `${n}${n}`, `_${n}`, n.slice(1)));
const usualEntry = fc
  .tuple(fc.subarray(USUAL_ORDER), fc.array(fc.tuple(fc.nat(12), fc.oneof(lookalike, fc.constantFrom(...SECTION_NAMES))), { maxLength: 3 }), fc.constantFrom('\n', '\r\n'), fc.constantFrom(' :', ' : '))
  .map(([names, swaps, end, colon]) => {
    const keys = [...names];
    for (const [at, name] of swaps) keys.splice(at % (keys.length + 1), 0, name);
    return keys.map((k, i) => `${k}${colon}${end}value ${i}${end}${end}`).join('');
  });
const entrySequence = fc.array(fc.oneof({ weight: 3, arbitrary: usualEntry }, { weight: 1, arbitrary: entryText }), { minLength: 1, maxLength: 12 });

const headerName = fc.constantFrom('User-Agent', 'user-agent', 'USER-AGENT', ' User-Agent ', 'MS-ASProtocolVersion', 'ms-asprotocolversion', 'X-MS-PolicyKey', 'X-MS-POLICY\u212AEY', 'X-Forwarded-For', '\tx-forwarded-for', 'Host', 'Authorization', 'User-Agént', '\u00a0User-Agent', 'User-Agent\u000b', '', 'A');
const headerLine = fc.tuple(headerName, fc.constantFrom(': ', ':', ' : '), fc.constantFrom('Apple-iPhone15C2/2104.219', '16.1', ' 1166421309 ', '10.0.0.1, 10.0.0.2', '', ' ', 'a:b')).map(([n, c, v]) => `${n}${c}${v}`);
const requestHeader = fc.tuple(fc.constantFrom('POST /Microsoft-Server-ActiveSync/Proxy/default.eas?Cmd=Sync&User=alex&DeviceId=ABC&DeviceType=iPhone HTTP/1.1', 'POST /x?Cmd=Ping', 'OPTIONS /Microsoft-Server-ActiveSync', ''), fc.array(fc.oneof(headerLine, fc.constantFrom('', 'no colon', ':leading', 'HTTP/1.1')), { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([first, lines, end]) => [first, ...lines].join(end));

const responseHeaderName = fc.constantFrom('Retry-After', 'X-MS-ASThrottle', 'x-ms-backoffduration', ' X-MS-RP ', 'Content-Type', 'MS-ASProtocolVersions', 'X-MS-BackOff\u212Aey', '', 'A');
const responseHeaderLine = fc.tuple(responseHeaderName, fc.constantFrom(': ', ':', ' : ', ' '), fc.constantFrom('600', 'CommandFrequency', 'L/30', '', ' ', 'a:b', '2.5,12.0,14.1,16.1')).map(([n, c, v]) => `${n}${c}${v}`);
const responseHeader = fc
  .tuple(
    fc.constantFrom('HTTP/1.1 200 OK', 'HTTP/1.1 503 Service Unavailable', 'HTTP/1.1 449 Retry after sending a PROVISION command', ' HTTP/1.1 451 ', 'HTTP/1.1 20 OK', 'HTTP/2 401', 'HTTP/1.1 200  OK\r', '', 'garbage'),
    fc.array(fc.oneof(responseHeaderLine, fc.constantFrom('', '\r', 'no colon', ':leading', 'HTTP/1.1')), { maxLength: 8 }),
    fc.constantFrom('\n', '\r\n', '\r\r\n'),
    fc.boolean(),
  )
  .map(([first, lines, end, trailing]) => [first, ...lines].join(end) + (trailing ? end : ''));

describe('mailbox-log fast paths match the implementations they replaced', () => {
  it('parseRequestHeader: generated request headers', () => {
    fc.assert(
      fc.property(requestHeader, (text) => {
        expect(parseRequestHeader(text)).toEqual(referenceParseRequestHeader(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('parseResponseHeader: generated response headers', () => {
    fc.assert(
      fc.property(responseHeader, (text) => {
        expect(parseResponseHeader(text)).toEqual(referenceParseResponseHeader(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('readSections: generated entries', () => {
    fc.assert(
      fc.property(entryText, (text) => {
        expect([...readSections(text)]).toEqual([...referenceReadSections(text)]);
      }),
      { numRuns: 30_000 },
    );
  });

  it('readSectionsInto: entries one after another into one table', () => {
    fc.assert(
      fc.property(entrySequence, (texts) => {
        const table = new Sections();
        for (const text of texts) {
          readSectionsInto(text, table);
          expect([...table.toMap()]).toEqual([...referenceReadSections(text)]);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('scanBody: tag soup', () => {
    fc.assert(fc.property(soup, (body) => {
      expect(scanBody(body)).toEqual(referenceScanBody(body));
    }), { numRuns: 20_000 });
  });

  it('scanBody: EAS-like bodies, whole and cut off', () => {
    fc.assert(fc.property(bodies, (body) => {
      expect(scanBody(body)).toEqual(referenceScanBody(body));
    }), { numRuns: 20_000 });
  });
});
